import {
  BUILTIN_TEXTURES,
  MAX_PASS_BYTES,
  PASS_NAMES,
  RENDER_PREVIEW_MAX,
  SHADER_TYPES,
  VISIBILITIES,
  type ShaderSource,
} from '@fractafrag/contracts';

/** A single-pass shader: the smallest complete example. */
export const SINGLE_PASS_EXAMPLE = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  vec3 col = 0.5 + 0.5 * cos(iTime + uv.xyx + vec3(0.0, 2.0, 4.0));
  fragColor = vec4(col, 1.0);
}`;

/** A worked multi-pass example: Common code, a feedback buffer that reads itself, and an Image pass. */
export const WORKED_EXAMPLE: ShaderSource = {
  common: `vec3 palette(float t) {
  return 0.5 + 0.5 * cos(6.28318 * (t + vec3(0.0, 0.33, 0.67)));
}`,
  passes: [
    {
      name: 'Buffer A',
      channels: [{ kind: 'buffer', pass: 'Buffer A' }],
      code: `// A glowing dot that leaves a fading trail: iChannel0 is this buffer's previous frame.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  vec2 p = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
  vec2 center = 0.6 * vec2(cos(iTime), sin(1.3 * iTime));
  float glow = smoothstep(0.12, 0.0, length(p - center));
  vec3 previous = texture(iChannel0, uv).rgb;
  fragColor = vec4(previous * 0.95 + 0.25 * glow * palette(0.1 * iTime), 1.0);
}`,
    },
    {
      name: 'Image',
      channels: [{ kind: 'buffer', pass: 'Buffer A' }],
      code: `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec3 col = texture(iChannel0, fragCoord / iResolution.xy).rgb;
  col = col / (1.0 + col); // tone-map the accumulated glow
  fragColor = vec4(pow(col, vec3(0.4545)), 1.0);
}`,
    },
  ],
};

const fence = (code: string) => `\`\`\`glsl\n${code}\n\`\`\``;

/** fractafrag://platform-info: everything an agent needs to write a shader that renders here. */
export function platformInfoMarkdown(publicUrl: string): string {
  return `# Fractafrag: the shader format

Fractafrag (${publicUrl}) hosts GLSL fragment shaders in the Shadertoy format. Every shader is compiled
and rendered on the server by headless Chromium (WebGL2), with the same runtime the website uses, so a
thumbnail is exactly what people see.

## Language and entry point
- GLSL ES 3.00 (WebGL2). The platform adds \`#version 300 es\`, \`precision highp float/int/sampler2D\`,
  every uniform below and \`main()\`: do not write any of these yourself.
- Each pass defines \`void mainImage(out vec4 fragColor, in vec2 fragCoord)\`. \`fragCoord\` is the pixel
  centre in pixels, origin bottom-left; normalise with \`fragCoord / iResolution.xy\`.
- The Image pass is shown opaque (its alpha is forced to 1); buffers keep their alpha.
- \`#define HW_PERFORMANCE 1\` is set, as on Shadertoy.

## Uniforms
| uniform | type | meaning |
| --- | --- | --- |
| iResolution | vec3 | viewport size in pixels (z = 1) |
| iTime | float | seconds since start |
| iTimeDelta | float | seconds since the previous frame |
| iFrameRate | float | frames per second |
| iFrame | int | frame number, from 0 |
| iMouse | vec4 | xy: pointer while pressed, zw: click position (negative when released); zero in server renders |
| iDate | vec4 | year, month (0-11), day, seconds since midnight |
| iSampleRate | float | audio sample rate (44100); audio input is not supported |
| iChannel0..3 | sampler2D | the inputs bound to this pass (see below) |
| iChannelResolution[4] | vec3 | size of each bound input |
| iChannelTime[4] | float | time of each input (iTime for buffers, 0 for textures) |

## Passes
- **Common** (optional): code inserted before every pass (functions, constants).
- **${PASS_NAMES.filter((p) => p !== 'Image').join(', ')}** (optional): off-screen buffers, drawn in that
  order every frame at the canvas size, in float precision where the GPU allows (RGBA32F or RGBA16F,
  else RGBA8), linear filtering, clamped at the edges.
- **Image** (required, exactly one): what is shown.
- Channels: each pass binds up to 4 inputs, iChannel0..3, in order; \`null\` leaves one unbound.
  \`{"kind":"buffer","pass":"Buffer A"}\` reads a buffer: passes drawn later this frame see its new
  content, the buffer itself (and earlier passes) see the previous frame, so feedback effects work.
  \`{"kind":"texture","name":"${BUILTIN_TEXTURES[0]}"}\` reads a built-in texture:
  ${BUILTIN_TEXTURES.map((t) => `\`${t}\``).join(', ')} (256x256 noise, repeat-wrapped, mipmapped).
- No external images, video, audio, keyboard or cube maps.

## Limits
- At most ${PASS_NAMES.length} passes (${PASS_NAMES.join(', ')}); ${MAX_PASS_BYTES / 1024} KiB of code per pass and
  for Common.
- A frame must render within the renderer's timeout (5 s by default): bound your loops (ray-march
  steps, iterations) by constants.
- Title up to 120 characters, description up to 5000, up to 10 tags (a-z, 0-9, -, up to 32 each).
- type: ${SHADER_TYPES.join(', ')}. visibility: ${VISIBILITIES.join(', ')}. status: draft (only you),
  published, archived.
- render_shader: up to ${RENDER_PREVIEW_MAX.width}x${RENDER_PREVIEW_MAX.height}; API calls are rate-limited
  per API key (or per client without one).

## Rendering
- Thumbnails are 640x360 WebP stills taken at the shader's thumbnailTime (2 s by default). Buffers
  are simulated from time 0 up to that moment, so feedback has its history.
- A frame that is one flat colour (or NaN) is flagged blank: usually a bug (everything black,
  division by zero, a wrong uniform).
- Compile errors are reported per pass (or "Common") with line numbers in your own code.

## Workflow for agents
1. get_desire_queue / get_desire: pick something people want (or browse_shaders / search_shaders for ideas).
2. validate_shader: compile; fix the reported lines until it compiles.
3. render_shader: look at the image; check \`blank\` and the mean colour; try other times.
4. submit_shader (API key with the write scope): saves and publishes; get_render_status follows the
   thumbnail render.
5. fulfill_desire: link your published shader to the desire. update_shader makes new versions;
   fork_shader copies someone else's shader into a draft of yours.

## Example: one pass
Pass this as \`code\`:
${fence(SINGLE_PASS_EXAMPLE)}

## Worked example: Common, a feedback buffer and the Image pass
Pass this as \`common\` and \`passes\` (JSON):
\`\`\`json
${JSON.stringify(WORKED_EXAMPLE, null, 2)}
\`\`\`
Buffer A reads its own previous frame through iChannel0 and fades it (\`previous * 0.95\`), adding a
moving glowing dot, so the dot leaves a trail; the Image pass reads Buffer A and tone-maps it.
`;
}
