import { launchChromium } from '../../services/renderer/src/chromium.ts';

/**
 * The way a typical script makes a thumbnail: launch a browser, load a minimal WebGL2 page, compile
 * and draw the shader once, screenshot the canvas, close the browser. Same Chromium binary and
 * flags as the renderer (SwiftShader), so only the approach differs.
 */
export interface NaiveThumbnail {
  totalMs: number;
  compileMs: number;
  drawMs: number;
  bytes: number;
}

const PAGE = `<!doctype html><html><body style="margin:0"><canvas id="c"></canvas><script>
window.renderShader = (code, width, height, time) => {
  const canvas = document.getElementById('c');
  canvas.width = width;
  canvas.height = height;
  const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true });
  const compile = (type, source) => {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    return shader;
  };
  const started = performance.now();
  const program = gl.createProgram();
  gl.attachShader(program, compile(gl.VERTEX_SHADER,
    '#version 300 es\\nvoid main() { vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)); gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0); }'));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER,
    '#version 300 es\\nprecision highp float;\\nuniform vec3 iResolution;\\nuniform float iTime;\\nuniform vec4 iMouse;\\nout vec4 outColor;\\n' +
    code + '\\nvoid main() { vec4 c = vec4(0.0); mainImage(c, gl_FragCoord.xy); outColor = vec4(c.rgb, 1.0); }'));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program));
  gl.useProgram(program);
  gl.uniform3f(gl.getUniformLocation(program, 'iResolution'), width, height, 1);
  gl.uniform1f(gl.getUniformLocation(program, 'iTime'), time);
  gl.bindVertexArray(gl.createVertexArray());
  const pixel = new Uint8Array(4);
  // One pixel first: the driver finishes compiling at the first draw.
  gl.enable(gl.SCISSOR_TEST);
  gl.scissor(0, 0, 1, 1);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  gl.disable(gl.SCISSOR_TEST);
  const compiled = performance.now();
  gl.viewport(0, 0, width, height);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  return { compileMs: compiled - started, drawMs: performance.now() - compiled };
};
</script></body></html>`;

export async function renderNaive(
  executablePath: string,
  code: string,
  { width, height, time }: { width: number; height: number; time: number },
): Promise<NaiveThumbnail> {
  const started = performance.now();
  const launched = await launchChromium({ executablePath, backend: 'swiftshader' });
  let result: Omit<NaiveThumbnail, 'totalMs'>;
  try {
    const page = (await launched.browser.pages())[0] ?? (await launched.browser.newPage());
    await page.setViewport({ width, height });
    await page.setContent(PAGE);
    const phases = await page.evaluate(
      (source: string, w: number, h: number, t: number) =>
        (
          globalThis as unknown as {
            renderShader: (
              c: string,
              w: number,
              h: number,
              t: number,
            ) => { compileMs: number; drawMs: number };
          }
        ).renderShader(source, w, h, t),
      code,
      width,
      height,
      time,
    );
    const canvas = await page.$('canvas');
    if (!canvas) throw new Error('no canvas on the naive page');
    const image = await canvas.screenshot({ type: 'webp', quality: 90 });
    result = { ...phases, bytes: image.length };
  } finally {
    await launched.close();
  }
  // Launch to closed: the script can start the next thumbnail only now.
  return { ...result, totalMs: performance.now() - started };
}
