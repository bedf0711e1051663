import { createBuiltinTextureCache } from './builtin-textures-gl.ts';
import { compilePrograms, compileVertexShader, type PassProgram } from './gl-programs.ts';
import { IDLE_MOUSE, mouseUniform, type MouseState } from './mouse.ts';
import {
  createPingPongTarget,
  pickBufferFormat,
  type BufferFormat,
  type PingPongTarget,
} from './render-targets.ts';
import {
  isBufferName,
  type BufferName,
  type ChannelInput,
  type CompileResult,
  type ShaderSource,
} from './types.ts';

export interface ShaderRuntimeOptions {
  /** Keep the drawn frame after compositing (needed to read it back outside the drawing task). */
  preserveDrawingBuffer?: boolean;
  /** Called once when the browser drops the context; the caller should recreate the canvas. */
  onContextLost?: () => void;
}

export interface FrameInput {
  time: number;
  frame: number;
  timeDelta?: number;
  frameRate?: number;
  mouse?: MouseState;
  date?: Date;
}

export interface RenderAtOptions {
  /** Steps per second of shader time when replaying feedback history. */
  fps?: number;
  /** At most this many frames are drawn; frame 0 (initialisation) always is, then the last ones. */
  maxFrames?: number;
  mouse?: MouseState;
  date?: Date;
}

export interface RuntimeInfo {
  renderer: string;
  bufferFormat: BufferFormat;
}

export interface ShaderRuntime {
  readonly canvas: HTMLCanvasElement | OffscreenCanvas;
  readonly info: RuntimeInfo;
  /** Compiles a shader; on failure the previous shader stays in place. */
  compile(source: ShaderSource): CompileResult;
  hasBuffers(): boolean;
  renderFrame(input: FrameInput): void;
  /** Deterministic frame at `time`: buffers are cleared and stepped so feedback has history. */
  renderAt(time: number, options?: RenderAtOptions): number;
  /**
   * Like renderAt, but a later time continues the feedback history from the frame drawn last
   * instead of replaying it, so an animation costs one step per frame. Returns frames drawn.
   */
  advanceTo(time: number, options?: RenderAtOptions): number;
  /**
   * Draws one pixel with every pass, then clears the buffers: drivers that compile lazily at the
   * first draw (SwiftShader, Mesa) finish compiling here rather than inside the first real frame.
   */
  warmUp(): void;
  resetBuffers(): void;
  setSize(width: number, height: number): void;
  /**
   * Resolves once the GPU has finished every command issued so far, by polling a fence between
   * tasks: the page stays responsive while a heavy (or endless) draw runs. `gl.finish()` would not
   * do: Chromium returns from it before the draw is done.
   */
  whenDrawn(timeoutMs: number): Promise<DrawWait>;
  /** RGBA8 pixels of the last Image frame, bottom row first. */
  readPixels(): Uint8Array;
  isContextLost(): boolean;
  dispose(): void;
}

export type DrawWait = 'drawn' | 'timeout' | 'lost';

export const RENDER_AT_FPS = 30;
export const RENDER_AT_MAX_FRAMES = 120;
const SAMPLE_RATE = 44100;
const LOST: CompileResult = {
  ok: false,
  errors: [{ pass: 'Image', line: null, message: 'the WebGL context was lost; recreate the canvas' }],
};

const lastFrameAt = (time: number, fps: number) => Math.max(0, Math.floor(time * fps + 1e-6));

function rendererName(gl: WebGL2RenderingContext): string {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

function dateUniform(date: Date): [number, number, number, number] {
  const seconds =
    date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds() + date.getMilliseconds() / 1000;
  return [date.getFullYear(), date.getMonth(), date.getDate(), seconds];
}

/** Creates the WebGL2 runtime on a canvas; throws when WebGL2 is unavailable. */
export function createShaderRuntime(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  options: ShaderRuntimeOptions = {},
): ShaderRuntime {
  const attributes: WebGLContextAttributes = {
    alpha: false,
    antialias: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: false,
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
    powerPreference: 'high-performance',
  };
  const gl = (canvas as HTMLCanvasElement).getContext('webgl2', attributes);
  if (!gl) throw new Error('WebGL2 is not available in this browser');

  let lost = false;
  const onLost = () => {
    if (lost) return;
    lost = true;
    options.onContextLost?.();
  };
  canvas.addEventListener('webglcontextlost', onLost);

  const info: RuntimeInfo = { renderer: rendererName(gl), bufferFormat: pickBufferFormat(gl) };
  const vertex = compileVertexShader(gl);
  const vao = gl.createVertexArray();
  const textures = createBuiltinTextureCache(gl);
  const targets = new Map<BufferName, PingPongTarget>();
  let passes: PassProgram[] = [];
  // Last simulation frame drawn by renderAt/advanceTo; -1 when buffers hold no history.
  let historyFrame = -1;

  const isLost = () => lost || gl.isContextLost();

  const channel = (
    input: ChannelInput | null | undefined,
  ): { texture: WebGLTexture | null; size: [number, number] } => {
    if (!input) return { texture: null, size: [0, 0] };
    if (input.kind === 'texture') {
      const t = textures.get(input.name);
      return { texture: t.texture, size: [t.width, t.height] };
    }
    const target = targets.get(input.pass);
    return target
      ? { texture: target.read(), size: [target.width, target.height] }
      : { texture: null, size: [0, 0] };
  };

  const syncTargets = () => {
    const wanted = new Set(passes.map((p) => p.name).filter(isBufferName));
    for (const [name, target] of targets.entries()) {
      if (!wanted.has(name)) {
        target.dispose();
        targets.delete(name);
      }
    }
    for (const name of wanted) {
      if (!targets.has(name))
        targets.set(name, createPingPongTarget(gl, info.bufferFormat, canvas.width, canvas.height));
    }
  };

  const drawPass = (pass: PassProgram, input: FrameInput) => {
    const target = isBufferName(pass.name) ? targets.get(pass.name) : undefined;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target ? target.writeFramebuffer() : null);
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.useProgram(pass.program);
    const u = pass.uniforms;
    const timeDelta = input.timeDelta ?? 1 / 60;
    gl.uniform3f(u.resolution, canvas.width, canvas.height, 1);
    gl.uniform1f(u.time, input.time);
    gl.uniform1f(u.timeDelta, timeDelta);
    gl.uniform1f(u.frameRate, input.frameRate ?? (timeDelta > 0 ? 1 / timeDelta : 60));
    gl.uniform1i(u.frame, input.frame);
    gl.uniform4fv(u.mouse, mouseUniform(input.mouse ?? IDLE_MOUSE));
    gl.uniform4fv(u.date, dateUniform(input.date ?? new Date()));
    gl.uniform1f(u.sampleRate, SAMPLE_RATE);
    const resolutions: number[] = [];
    const times: number[] = [];
    for (let unit = 0; unit < 4; unit++) {
      const bound = channel(pass.channels[unit]);
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.bindTexture(gl.TEXTURE_2D, bound.texture);
      resolutions.push(bound.size[0], bound.size[1], 1);
      times.push(pass.channels[unit]?.kind === 'buffer' ? input.time : 0);
    }
    gl.uniform3fv(u.channelResolution, resolutions);
    gl.uniform1fv(u.channelTime, times);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    target?.swap();
  };

  /** Draws simulation frames in order; the last one at exactly `time`, the others on the fps grid. */
  const stepFrames = (
    frames: readonly number[],
    time: number,
    fps: number,
    mouse?: MouseState,
    date?: Date,
  ) => {
    const last = frames.at(-1) ?? 0;
    const at = (frame: number) => (frame === last ? time : frame / fps);
    for (const frame of frames) {
      const timeDelta = frame === 0 ? 1 / fps : Math.max(0, at(frame) - (frame - 1) / fps);
      runtime.renderFrame({ time: at(frame), frame, timeDelta, frameRate: fps, mouse, date });
    }
    historyFrame = last;
  };

  const runtime: ShaderRuntime = {
    canvas,
    info,
    compile(source) {
      if (isLost()) return LOST;
      const result = compilePrograms(gl, vertex, source);
      if (!result.ok) return { ok: false, errors: result.errors };
      for (const pass of passes) gl.deleteProgram(pass.program);
      passes = result.programs;
      syncTargets();
      runtime.resetBuffers();
      return { ok: true, errors: [] };
    },
    hasBuffers: () => passes.some((p) => isBufferName(p.name)),
    renderFrame(input) {
      if (isLost() || passes.length === 0) return;
      gl.bindVertexArray(vao);
      gl.disable(gl.BLEND);
      for (const pass of passes) drawPass(pass, input);
    },
    renderAt(time, { fps = RENDER_AT_FPS, maxFrames = RENDER_AT_MAX_FRAMES, mouse, date } = {}) {
      const last = lastFrameAt(time, fps);
      if (!runtime.hasBuffers()) {
        runtime.renderFrame({ time, frame: last, timeDelta: 1 / fps, frameRate: fps, mouse, date });
        return 1;
      }
      runtime.resetBuffers();
      const frames =
        last + 1 <= maxFrames
          ? [...Array(last + 1).keys()]
          : [0, ...Array.from({ length: maxFrames - 1 }, (_, i) => last - maxFrames + 2 + i)];
      stepFrames(frames, time, fps, mouse, date);
      return frames.length;
    },
    advanceTo(time, options = {}) {
      const { fps = RENDER_AT_FPS, maxFrames = RENDER_AT_MAX_FRAMES, mouse, date } = options;
      const last = lastFrameAt(time, fps);
      if (
        !runtime.hasBuffers() ||
        historyFrame < 0 ||
        last < historyFrame ||
        last - historyFrame >= maxFrames
      )
        return runtime.renderAt(time, options);
      if (last === historyFrame) return 0;
      const frames = Array.from({ length: last - historyFrame }, (_, i) => historyFrame + 1 + i);
      stepFrames(frames, time, fps, mouse, date);
      return frames.length;
    },
    warmUp() {
      if (isLost() || passes.length === 0) return;
      gl.bindVertexArray(vao);
      gl.enable(gl.SCISSOR_TEST);
      gl.scissor(0, 0, 1, 1);
      for (const pass of passes) drawPass(pass, { time: 0, frame: 0 });
      gl.disable(gl.SCISSOR_TEST);
      runtime.resetBuffers();
    },
    resetBuffers() {
      historyFrame = -1;
      if (isLost()) return;
      for (const target of targets.values()) target.clear();
    },
    setSize(width, height) {
      if (canvas.width !== width || canvas.height !== height) historyFrame = -1;
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      if (isLost()) return;
      for (const target of targets.values()) target.resize(width, height);
    },
    async whenDrawn(timeoutMs) {
      if (isLost()) return 'lost';
      const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
      if (!sync) return 'lost';
      gl.flush();
      const deadline = performance.now() + timeoutMs;
      try {
        for (;;) {
          // Chromium refreshes a fence's status between tasks, so it must be polled across them.
          const status = gl.clientWaitSync(sync, 0, 0);
          if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED) return 'drawn';
          if (status === gl.WAIT_FAILED || isLost()) return 'lost';
          if (performance.now() >= deadline) return 'timeout';
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      } finally {
        if (!gl.isContextLost()) gl.deleteSync(sync);
      }
    },
    readPixels() {
      const pixels = new Uint8Array(canvas.width * canvas.height * 4);
      if (isLost()) return pixels;
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.readPixels(0, 0, canvas.width, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      return pixels;
    },
    isContextLost: isLost,
    dispose() {
      canvas.removeEventListener('webglcontextlost', onLost);
      if (!gl.isContextLost()) {
        for (const pass of passes) gl.deleteProgram(pass.program);
        for (const target of targets.values()) target.dispose();
        textures.dispose();
        gl.deleteShader(vertex);
        gl.deleteVertexArray(vao);
        // Browsers cap live contexts (about 16 in Chromium): give this one back now.
        gl.getExtension('WEBGL_lose_context')?.loseContext();
      }
      passes = [];
      targets.clear();
    },
  };
  return runtime;
}
