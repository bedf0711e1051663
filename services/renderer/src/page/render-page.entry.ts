import {
  createShaderRuntime,
  frameStats,
  type ShaderRuntime,
  type ShaderSource,
} from '@fractafrag/glsl-runtime';
import type {
  PageCompileResult,
  PageInfo,
  PageRenderResult,
  PageSequenceRequest,
  PageSequenceResult,
  PageStillRequest,
  PageTimings,
  RenderPageApi,
  WebGlProbe,
} from '../page-protocol.ts';
import { fitFrames, pickQuality } from './sequence-encoder.ts';

declare global {
  interface Window {
    fractafragPage?: RenderPageApi;
  }
}

// iDate starts at a pinned noon and runs with shader time, so a clock ticks in a preview and a
// render still depends only on the code and the requested time.
const CLOCK_START_MS = new Date(2025, 0, 1, 12, 0, 0).getTime();
const dateAt = (time: number) => new Date(CLOCK_START_MS + Math.round(time * 1000));
const WEBP_QUALITY = 0.9;
/** Share of the time left that the remaining frames of a sequence may plan to use. */
const SEQUENCE_TIME_SHARE = 0.85;
const PROBE: ShaderSource = {
  passes: [
    { name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0, 0.0, 0.0, 1.0); }' },
  ],
};

let canvas: HTMLCanvasElement | null = null;
let runtime: ShaderRuntime | null = null;
let compiledKey: string | null = null;

function createRuntime(): ShaderRuntime {
  runtime?.dispose();
  canvas?.remove();
  canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 16;
  document.body.append(canvas);
  compiledKey = null;
  // Preserved, so the frame can still be read and encoded after waiting for the GPU across tasks.
  runtime = createShaderRuntime(canvas, { preserveDrawingBuffer: true });
  return runtime;
}

const activeRuntime = (): ShaderRuntime | null => (runtime && !runtime.isContextLost() ? runtime : null);

/** Recompiles only when the source differs from the one already on the GPU. */
function compile(active: ShaderRuntime, source: ShaderSource): PageCompileResult {
  const key = JSON.stringify(source);
  if (key === compiledKey) return { ok: true, errors: [], contextLost: false };
  const result = active.compile(source);
  if (result.ok) compiledKey = key;
  return { ...result, contextLost: active.isContextLost() };
}

const lost = () => ({
  ok: false as const,
  reason: 'context_lost' as const,
  message: 'the WebGL context was lost',
});
const timedOut = (what: string) => ({
  ok: false as const,
  reason: 'timeout' as const,
  message: `the GPU did not finish ${what} in time`,
});

const info = (): PageInfo => {
  const active = activeRuntime() ?? createRuntime();
  return { renderer: active.info.renderer, bufferFormat: active.info.bufferFormat };
};

function probe(): WebGlProbe {
  const gl2 = document.createElement('canvas').getContext('webgl2');
  const gl = gl2 ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return { webgl2: false, renderer: null, vendor: null, version: null };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const read = (name: number) => String(gl.getParameter(name));
  const found: WebGlProbe = {
    webgl2: gl2 !== null,
    renderer: read(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER),
    vendor: read(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR),
    version: read(gl.VERSION),
  };
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return found;
}

type Prepared =
  | { ok: true; active: ShaderRuntime; compileMs: number }
  | Exclude<PageRenderResult, { ok: true }>;

/** Sizes the canvas, compiles, and waits until the driver has really built every pass. */
async function prepare(job: PageStillRequest | PageSequenceRequest, deadline: number): Promise<Prepared> {
  const active = activeRuntime();
  if (!active) return lost();
  const started = performance.now();
  active.setSize(job.width, job.height);
  const wasCompiled = compiledKey === JSON.stringify(job.source);
  const compiled = compile(active, job.source);
  if (compiled.contextLost) return lost();
  if (!compiled.ok) return { ok: false, reason: 'compile_error', errors: compiled.errors };
  if (!wasCompiled) {
    active.warmUp();
    const warmed = await active.whenDrawn(deadline - performance.now());
    if (warmed !== 'drawn') return warmed === 'lost' ? lost() : timedOut('compiling the shader');
  }
  return { ok: true, active, compileMs: performance.now() - started };
}

async function render(request: PageStillRequest): Promise<PageRenderResult> {
  const deadline = performance.now() + request.budgetMs;
  const prepared = await prepare(request, deadline);
  if (!prepared.ok) return prepared;
  const { active, compileMs } = prepared;
  const drawStarted = performance.now();
  const frames = active.renderAt(request.time, { date: dateAt(request.time), mouse: request.mouse });
  const drawn = await active.whenDrawn(deadline - performance.now());
  if (drawn !== 'drawn') return drawn === 'lost' ? lost() : timedOut('drawing the frame');
  const encodeStarted = performance.now();
  const stats = frameStats(active.readPixels());
  if (active.isContextLost() || !canvas) return lost();
  const dataUrl = canvas.toDataURL(request.format === 'png' ? 'image/png' : 'image/webp', WEBP_QUALITY);
  const timings: PageTimings = {
    compileMs,
    drawMs: encodeStarted - drawStarted,
    encodeMs: performance.now() - encodeStarted,
  };
  return { ok: true, dataUrl, frames, ...stats, timings };
}

/**
 * Frames of an animation, each encoded as soon as it is drawn; each continues the previous one's
 * feedback history. When the frames would not all fit the budget, a single-pass shader skips
 * frames evenly (a lower frame rate over the same span); `captured` says which were drawn.
 */
async function renderSequence(request: PageSequenceRequest): Promise<PageSequenceResult> {
  const deadline = performance.now() + request.budgetMs;
  const prepared = await prepare(request, deadline);
  if (!prepared.ok) return prepared;
  const { active, compileMs } = prepared;
  const frames: string[] = [];
  const captured: number[] = [];
  let drawMs = 0;
  let encodeMs = 0;
  let quality = 0;
  let blank = true;
  let avgColor = '#000000';
  for (let index = 0, stride = 1; index < request.times.length; index += stride) {
    const started = performance.now();
    const time = request.times[index]!;
    active.advanceTo(time, { date: dateAt(time), mouse: request.mouse });
    const drawn = await active.whenDrawn(deadline - performance.now());
    if (drawn !== 'drawn') return drawn === 'lost' ? lost() : timedOut('drawing the animation');
    const stats = frameStats(active.readPixels());
    if (active.isContextLost() || !canvas) return lost();
    if (captured.length === 0) avgColor = stats.avgColor;
    // Blank means one flat colour throughout, not a flat colour that changes over time.
    blank &&= stats.blank && stats.avgColor === avgColor;
    const encodeStarted = performance.now();
    let encodings = 1;
    if (captured.length === 0) {
      const first = pickQuality(canvas, request.times.length, request.maxBytes);
      ({ quality, encodings } = first);
      frames.push(first.frame);
    } else {
      frames.push(canvas.toDataURL('image/webp', quality));
    }
    captured.push(index);
    const finished = performance.now();
    drawMs += encodeStarted - started;
    encodeMs += finished - encodeStarted;
    // Plan the rest from what this frame cost (one encoding's worth): skip frames evenly when the
    // rest would not fit in the time left, and stop when not even one more would.
    const left = request.times.length - 1 - index;
    const cost = encodeStarted - started + (finished - encodeStarted) / encodings;
    const affordable = Math.floor(((deadline - finished) * SEQUENCE_TIME_SHARE) / cost);
    if (left > 0 && affordable < 1) break;
    // A shader with buffers must draw every simulation step anyway: skipping would not save time.
    if (!active.hasBuffers()) stride = left > affordable ? Math.ceil(left / affordable) : 1;
  }
  const fitted = fitFrames(frames, captured, request.maxBytes);
  return {
    ok: true,
    ...fitted,
    quality,
    avgColor,
    blank,
    timings: { compileMs, drawMs, encodeMs },
  };
}

/** After a GPU process restart the context comes back only after a moment: retry until it draws. */
async function reset(): Promise<PageInfo> {
  const deadline = performance.now() + 5000;
  for (;;) {
    try {
      const fresh = createRuntime();
      fresh.setSize(4, 4);
      if (fresh.compile(PROBE).ok) {
        fresh.renderFrame({ time: 0, frame: 0 });
        const pixel = fresh.readPixels();
        if (!fresh.isContextLost() && pixel[0] === 255) return info();
      }
    } catch {
      // WebGL2 not available yet while the GPU process restarts.
    }
    if (performance.now() > deadline) throw new Error('WebGL2 did not come back after the reset');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

window.fractafragPage = {
  info,
  probe,
  compile: (source) => {
    const active = activeRuntime();
    if (!active) return { ok: false, errors: [], contextLost: true };
    return compile(active, source);
  },
  render,
  renderSequence,
  reset,
};
