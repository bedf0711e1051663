import {
  createShaderRuntime,
  frameStats,
  type ShaderRuntime,
  type ShaderSource,
} from '@fractafrag/glsl-runtime';
import type {
  PageCompileResult,
  PageInfo,
  PageRenderRequest,
  PageRenderResult,
  RenderPageApi,
} from '../page-protocol.ts';

declare global {
  interface Window {
    fractafragPage?: RenderPageApi;
  }
}

// iDate is pinned so a render depends only on the code and the requested time.
const FIXED_DATE = new Date(2025, 0, 1, 12, 0, 0);
const WEBP_QUALITY = 0.9;
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
  runtime = createShaderRuntime(canvas);
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

const lost = (): PageRenderResult => ({
  ok: false,
  reason: 'context_lost',
  message: 'the WebGL context was lost',
});

const info = (): PageInfo => {
  const active = activeRuntime() ?? createRuntime();
  return { renderer: active.info.renderer, bufferFormat: active.info.bufferFormat };
};

function render(request: PageRenderRequest): PageRenderResult {
  const active = activeRuntime();
  if (!active || !canvas) return lost();
  active.setSize(request.width, request.height);
  const compiled = compile(active, request.source);
  if (compiled.contextLost) return lost();
  if (!compiled.ok) return { ok: false, reason: 'compile_error', errors: compiled.errors };
  const frames = active.renderAt(request.time, { date: FIXED_DATE });
  const stats = frameStats(active.readPixels());
  if (active.isContextLost()) return lost();
  const dataUrl = canvas.toDataURL(request.format === 'png' ? 'image/png' : 'image/webp', WEBP_QUALITY);
  return { ok: true, dataUrl, frames, ...stats };
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
  compile: (source) => {
    const active = activeRuntime();
    if (!active) return { ok: false, errors: [], contextLost: true };
    return compile(active, source);
  },
  render,
  reset,
};
