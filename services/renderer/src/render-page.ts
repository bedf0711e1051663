import type { ShaderSource } from '@fractafrag/glsl-runtime/pure';
import type { Browser, Page } from 'puppeteer-core';
import {
  PAGE_GLOBAL,
  type PageCompileResult,
  type PageInfo,
  type PageRenderRequest,
  type PageRenderResult,
  type RenderPageApi,
} from './page-protocol.ts';

/** Node-side calls into the headless render page (see page/render-page.entry.ts). */
export class PageContextLostError extends Error {}

type Method = keyof RenderPageApi;

async function callPage<R>(page: Page, method: Method, arg?: unknown): Promise<R> {
  return (await page.evaluate(
    (global: string, name: string, value: unknown) => {
      const api = (globalThis as unknown as Record<string, Record<string, (v: unknown) => unknown>>)[global]!;
      return api[name]!(value);
    },
    PAGE_GLOBAL,
    method,
    arg,
  )) as R;
}

/** Opens the browser's one page on the render page and proves WebGL2 draws there. */
export async function openRenderPage(browser: Browser, url: string): Promise<{ page: Page; info: PageInfo }> {
  const [existing] = await browser.pages();
  const page = existing ?? (await browser.newPage());
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  await page.waitForFunction((global: string) => global in globalThis, { timeout: 10_000 }, PAGE_GLOBAL);
  return { page, info: await resetPage(page) };
}

export const resetPage = (page: Page): Promise<PageInfo> => callPage<PageInfo>(page, 'reset');

export type RenderedInPage = Exclude<PageRenderResult, { reason: 'context_lost' }>;

export async function renderInPage(page: Page, request: PageRenderRequest): Promise<RenderedInPage> {
  const result = await callPage<PageRenderResult>(page, 'render', request);
  if (!result.ok && result.reason === 'context_lost') throw new PageContextLostError(result.message);
  return result;
}

export async function compileInPage(page: Page, source: ShaderSource): Promise<PageCompileResult> {
  const result = await callPage<PageCompileResult>(page, 'compile', source);
  if (result.contextLost) throw new PageContextLostError('the WebGL context was lost while compiling');
  return result;
}
