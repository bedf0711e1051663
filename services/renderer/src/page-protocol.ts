import type { CompileError, CompileResult, ShaderSource } from '@fractafrag/glsl-runtime/pure';

/**
 * What the headless render page exposes as `window.fractafragPage`, shared by the page (browser
 * code, bundled with esbuild) and the Node side that calls it through puppeteer.
 */
export interface PageInfo {
  renderer: string;
  bufferFormat: string;
}

export interface PageRenderRequest {
  source: ShaderSource;
  width: number;
  height: number;
  time: number;
  format: 'webp' | 'png';
}

export type PageRenderResult =
  | { ok: true; dataUrl: string; avgColor: string; blank: boolean; frames: number }
  | { ok: false; reason: 'compile_error'; errors: CompileError[] }
  | { ok: false; reason: 'context_lost'; message: string };

export type PageCompileResult = CompileResult & { contextLost: boolean };

export interface RenderPageApi {
  info(): PageInfo;
  compile(source: ShaderSource): PageCompileResult;
  render(request: PageRenderRequest): PageRenderResult;
  /** Recreates the canvas and its WebGL2 context (after a GPU process kill) and proves it draws. */
  reset(): Promise<PageInfo>;
}

export const PAGE_GLOBAL = 'fractafragPage';
