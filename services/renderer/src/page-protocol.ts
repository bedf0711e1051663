import type { CompileError, CompileResult, MouseState, ShaderSource } from '@fractafrag/glsl-runtime/pure';

/**
 * What the headless render page exposes as `window.fractafragPage`, shared by the page (browser
 * code, bundled with esbuild) and the Node side that calls it through puppeteer.
 */
export interface PageInfo {
  renderer: string;
  bufferFormat: string;
}

/** What the browser offers, read once at start-up (UNMASKED_RENDERER_WEBGL and friends). */
export interface WebGlProbe {
  webgl2: boolean;
  /** UNMASKED_RENDERER_WEBGL of a WebGL2 context, else of a WebGL1 one, else null. */
  renderer: string | null;
  vendor: string | null;
  version: string | null;
}

/** Milliseconds the page spent per phase: compile (to the driver's finished pipeline), draw, encode. */
export interface PageTimings {
  compileMs: number;
  drawMs: number;
  encodeMs: number;
}

interface PageJob {
  source: ShaderSource;
  width: number;
  height: number;
  mouse?: MouseState;
  /** The page answers `timeout` itself once the GPU has not finished within this many ms. */
  budgetMs: number;
}

export interface PageStillRequest extends PageJob {
  time: number;
  format: 'webp' | 'png';
}

export interface PageSequenceRequest extends PageJob {
  /** Shader times of the frames to capture, ascending. */
  times: number[];
  /** Encoded frames must fit in this many bytes together. */
  maxBytes: number;
}

type PageFailure =
  | { ok: false; reason: 'compile_error'; errors: CompileError[] }
  | { ok: false; reason: 'context_lost'; message: string }
  | { ok: false; reason: 'timeout'; message: string };

export type PageRenderResult =
  | {
      ok: true;
      dataUrl: string;
      avgColor: string;
      blank: boolean;
      frames: number;
      timings: PageTimings;
    }
  | PageFailure;

export type PageSequenceResult =
  | {
      ok: true;
      /** WebP stills (data URLs) of the captured frames, in order. */
      frames: string[];
      /** Index into the requested times of each captured frame (a slow shader gets fewer). */
      captured: number[];
      quality: number;
      avgColor: string;
      blank: boolean;
      timings: PageTimings;
    }
  | PageFailure;

export type PageCompileResult = CompileResult & { contextLost: boolean };

export interface RenderPageApi {
  info(): PageInfo;
  probe(): WebGlProbe;
  compile(source: ShaderSource): PageCompileResult;
  render(request: PageStillRequest): Promise<PageRenderResult>;
  renderSequence(request: PageSequenceRequest): Promise<PageSequenceResult>;
  /** Recreates the canvas and its WebGL2 context (after a GPU process kill) and proves it draws. */
  reset(): Promise<PageInfo>;
}

export const PAGE_GLOBAL = 'fractafragPage';
