import { dedupeErrors, parseCompileLog } from './compile-log.ts';
import {
  PASS_ORDER,
  type ChannelInput,
  type CompileError,
  type PassName,
  type ShaderSource,
} from './types.ts';
import { wrapPassSource } from './wrap.ts';

/** A full-screen triangle from gl_VertexID alone: no vertex buffers to manage. */
const VERTEX_SOURCE = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;

export interface UniformLocations {
  resolution: WebGLUniformLocation | null;
  time: WebGLUniformLocation | null;
  timeDelta: WebGLUniformLocation | null;
  frameRate: WebGLUniformLocation | null;
  frame: WebGLUniformLocation | null;
  channelTime: WebGLUniformLocation | null;
  channelResolution: WebGLUniformLocation | null;
  mouse: WebGLUniformLocation | null;
  date: WebGLUniformLocation | null;
  sampleRate: WebGLUniformLocation | null;
}

export interface PassProgram {
  name: PassName;
  program: WebGLProgram;
  uniforms: UniformLocations;
  channels: readonly (ChannelInput | null)[];
}

export type ProgramsResult = { ok: true; programs: PassProgram[] } | { ok: false; errors: CompileError[] };

export function compileVertexShader(gl: WebGL2RenderingContext): WebGLShader {
  const shader = gl.createShader(gl.VERTEX_SHADER);
  if (!shader) throw new Error('could not create a vertex shader');
  gl.shaderSource(shader, VERTEX_SOURCE);
  gl.compileShader(shader);
  return shader;
}

function locations(gl: WebGL2RenderingContext, program: WebGLProgram): UniformLocations {
  const at = (name: string) => gl.getUniformLocation(program, name);
  gl.useProgram(program);
  for (let unit = 0; unit < 4; unit++) gl.uniform1i(at(`iChannel${unit}`), unit);
  return {
    resolution: at('iResolution'),
    time: at('iTime'),
    timeDelta: at('iTimeDelta'),
    frameRate: at('iFrameRate'),
    frame: at('iFrame'),
    channelTime: at('iChannelTime'),
    channelResolution: at('iChannelResolution'),
    mouse: at('iMouse'),
    date: at('iDate'),
    sampleRate: at('iSampleRate'),
  };
}

/**
 * Compiles and links every pass of a shader. All compiles are issued before any status is read,
 * so a driver that compiles in parallel can. On failure nothing is kept and errors are mapped to
 * the author's lines.
 */
export function compilePrograms(
  gl: WebGL2RenderingContext,
  vertex: WebGLShader,
  source: ShaderSource,
): ProgramsResult {
  const passes = PASS_ORDER.flatMap((name) => source.passes.filter((p) => p.name === name));
  const built = passes.map((pass) => {
    const wrapped = wrapPassSource(source, pass.name);
    const fragment = gl.createShader(gl.FRAGMENT_SHADER)!;
    gl.shaderSource(fragment, wrapped.code);
    gl.compileShader(fragment);
    const program = gl.createProgram();
    gl.attachShader(program, vertex);
    gl.attachShader(program, fragment);
    gl.linkProgram(program);
    return { pass, wrapped, fragment, program };
  });

  const errors: CompileError[] = [];
  for (const { pass, wrapped, fragment, program } of built) {
    if (!gl.getShaderParameter(fragment, gl.COMPILE_STATUS)) {
      const found = parseCompileLog(gl.getShaderInfoLog(fragment) ?? '', wrapped, pass.name);
      errors.push(
        ...(found.length > 0
          ? found
          : [{ pass: pass.name, line: null, message: 'the shader did not compile' }]),
      );
    } else if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      errors.push({
        pass: pass.name,
        line: null,
        message: `link failed: ${gl.getProgramInfoLog(program) ?? ''}`.trim(),
      });
    }
    gl.detachShader(program, fragment);
    gl.deleteShader(fragment);
  }
  if (gl.isContextLost()) {
    errors.splice(0, errors.length, {
      pass: 'Image',
      line: null,
      message: 'the WebGL context was lost while compiling',
    });
  }
  if (errors.length > 0) {
    for (const { program } of built) gl.deleteProgram(program);
    return { ok: false, errors: dedupeErrors(errors) };
  }
  return {
    ok: true,
    programs: built.map(({ pass, program }) => ({
      name: pass.name,
      program,
      uniforms: locations(gl, program),
      channels: pass.channels ?? [],
    })),
  };
}
