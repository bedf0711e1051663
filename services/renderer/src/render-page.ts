import type { ShaderSource } from '@fractafrag/glsl-runtime/pure';
import type { Browser, Page } from 'puppeteer-core';
import {
  PAGE_GLOBAL,
  type PageCompileResult,
  type PageInfo,
  type PageRenderResult,
  type PageSequenceRequest,
  type PageSequenceResult,
  type PageStillRequest,
  type RenderPageApi,
  type WebGlProbe,
} from './page-protocol.ts';

/** Node-side calls into the headless render page (see page/render-page.entry.ts). */
export class PageContextLostError extends Error {}

/** The page saw its GPU work outlast the render's budget: the slot treats it as a timeout. */
export class RenderDeadlineError extends Error {}

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

/** Opens the browser's one page on the render page (without touching WebGL yet). */
async function gotoRenderPage(browser: Browser, url: string): Promise<Page> {
  const [existing] = await browser.pages();
  const page = existing ?? (await browser.newPage());
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  await page.waitForFunction((global: string) => global in globalThis, { timeout: 10_000 }, PAGE_GLOBAL);
  return page;
}

/** Opens the browser's one page on the render page and proves WebGL2 draws there. */
export async function openRenderPage(browser: Browser, url: string): Promise<{ page: Page; info: PageInfo }> {
  const page = await gotoRenderPage(browser, url);
  return { page, info: await resetPage(page) };
}

/** What WebGL this browser offers (the start-up check). */
export async function probeWebGl(browser: Browser, url: string): Promise<WebGlProbe> {
  return callPage<WebGlProbe>(await gotoRenderPage(browser, url), 'probe');
}

export const resetPage = (page: Page): Promise<PageInfo> => callPage<PageInfo>(page, 'reset');

type Success<R> = Extract<R, { ok: true }>;
type Failure<R> = Extract<R, { ok: false }>;
export type PageOutcome<R> = Success<R> | Extract<Failure<R>, { reason: 'compile_error' }>;

/** A lost context or a page-side timeout becomes an error the browser slot recovers from. */
function settle<R extends PageRenderResult | PageSequenceResult>(result: R): PageOutcome<R> {
  if (result.ok) return result as Success<R>;
  switch (result.reason) {
    case 'compile_error':
      return result as PageOutcome<R>;
    case 'timeout':
      throw new RenderDeadlineError(result.message);
    case 'context_lost':
      throw new PageContextLostError(result.message);
  }
}

export async function renderInPage(
  page: Page,
  request: PageStillRequest,
): Promise<PageOutcome<PageRenderResult>> {
  return settle(await callPage<PageRenderResult>(page, 'render', request));
}

export async function renderSequenceInPage(
  page: Page,
  request: PageSequenceRequest,
): Promise<PageOutcome<PageSequenceResult>> {
  return settle(await callPage<PageSequenceResult>(page, 'renderSequence', request));
}

export async function compileInPage(page: Page, source: ShaderSource): Promise<PageCompileResult> {
  const result = await callPage<PageCompileResult>(page, 'compile', source);
  if (result.contextLost) throw new PageContextLostError('the WebGL context was lost while compiling');
  return result;
}
