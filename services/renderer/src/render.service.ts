import {
  PREVIEW_MAX_BYTES,
  type CompileError,
  type RenderFailure,
  type renderRequestSchema,
  type ShaderSource,
  type ValidateResponse,
} from '@fractafrag/contracts';
import { AppError, type Logger } from '@fractafrag/core';
import type { MouseState } from '@fractafrag/glsl-runtime/pure';
import type { Page } from 'puppeteer-core';
import type { z } from 'zod';
import { frameDurationsMs, muxAnimatedWebp } from './animated-webp.ts';
import { QueueFullError, type BrowserPool } from './browser-pool.ts';
import type { TaskOutcome } from './browser-slot.ts';
import type { ShaderPrecheck } from './glslang-precheck.ts';
import type { PageTimings } from './page-protocol.ts';
import type { RenderMetrics } from './render-metrics.ts';
import { compileInPage, renderInPage, renderSequenceInPage } from './render-page.ts';

export interface RenderDeps {
  pool: BrowserPool;
  precheck: ShaderPrecheck;
  timeoutMs: number;
  metrics: RenderMetrics;
}

export type RenderJobRequest = z.output<typeof renderRequestSchema>;

export interface RenderedImage {
  outcome: 'ok';
  image: Buffer;
  contentType: string;
  renderMs: number;
  blank: boolean;
  avgColor: string;
  /** Frames in the image: 1 for a still. */
  frames: number;
  timings: PageTimings;
}

export type RenderResult = RenderedImage | RenderFailure;

/** The page answers a timeout itself a little before Node's hard deadline would kill its GPU. */
const PAGE_BUDGET_MARGIN_MS = 50;
/** Room for the animation container around the frames' bitstreams. */
const PREVIEW_CONTAINER_ALLOWANCE = 8 * 1024;

const compileFailure = (errors: CompileError[]): RenderFailure => ({
  outcome: 'compile_error',
  errors,
  message: `The shader does not compile (${errors.length} error${errors.length === 1 ? '' : 's'}).`,
});

function decodeDataUrl(dataUrl: string): { contentType: string; image: Buffer } {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('the render page returned no image');
  return { contentType: match[1]!, image: Buffer.from(match[2]!, 'base64') };
}

const mouseState = (mouse: RenderJobRequest['mouse']): MouseState | undefined =>
  mouse && {
    x: mouse.x,
    y: mouse.y,
    clickX: mouse.clickX ?? mouse.x,
    clickY: mouse.clickY ?? mouse.y,
    down: mouse.down,
    clicked: mouse.clicked,
  };

/** Shader times of a preview's frames: `duration` seconds from `time` at `fps`. */
export function previewTimes({ time, duration, fps }: RenderJobRequest): { times: number[]; end: number } {
  const count = Math.max(1, Math.round(duration * fps));
  return { times: Array.from({ length: count }, (_, k) => time + k / fps), end: time + count / fps };
}

type BrowserJob = (page: Page) => Promise<RenderedImage | RenderFailure>;

/** The browser's part of a render: a still, or the frames of a preview muxed into one WebP. */
function browserJob(request: RenderJobRequest, budgetMs: number): BrowserJob {
  const { source, width, height } = request;
  const job = { source, width, height, mouse: mouseState(request.mouse), budgetMs };
  if (request.kind !== 'preview') {
    return async (page) => {
      const result = await renderInPage(page, { ...job, time: request.time, format: request.format });
      if (!result.ok) return compileFailure(result.errors);
      return {
        outcome: 'ok',
        ...decodeDataUrl(result.dataUrl),
        renderMs: 0,
        blank: result.blank,
        avgColor: result.avgColor,
        frames: 1,
        timings: result.timings,
      };
    };
  }
  const { times, end } = previewTimes(request);
  return async (page) => {
    const maxBytes = PREVIEW_MAX_BYTES - PREVIEW_CONTAINER_ALLOWANCE;
    const result = await renderSequenceInPage(page, { ...job, times, maxBytes });
    if (!result.ok) return compileFailure(result.errors);
    const image = muxAnimatedWebp({
      width,
      height,
      frames: result.frames.map((frame) => decodeDataUrl(frame).image),
      durationsMs: frameDurationsMs(
        result.captured.map((index) => times[index]!),
        end,
      ),
    });
    return {
      outcome: 'ok',
      image,
      contentType: 'image/webp',
      renderMs: 0,
      blank: result.blank,
      avgColor: result.avgColor,
      frames: result.frames.length,
      timings: result.timings,
    };
  };
}

function answer(
  outcome: TaskOutcome<RenderedImage | RenderFailure>,
  deps: RenderDeps,
  log: Logger,
): RenderResult {
  switch (outcome.kind) {
    case 'timeout':
      return {
        outcome: 'timeout',
        errors: [],
        message: `The render did not finish within ${deps.timeoutMs} ms; look for an endless or very long loop.`,
      };
    case 'crashed':
      log.error({ reason: outcome.message }, 'render crashed');
      return {
        outcome: 'crashed',
        errors: [],
        message: 'The browser failed while rendering; the render can be retried.',
      };
    case 'ok':
      return outcome.value.outcome === 'ok'
        ? { ...outcome.value, renderMs: Math.round(outcome.ms) }
        : outcome.value;
  }
}

async function renderOnce(deps: RenderDeps, request: RenderJobRequest, log: Logger): Promise<RenderResult> {
  const precheckErrors = await deps.precheck(request.source);
  if (precheckErrors.length > 0) return compileFailure(precheckErrors);
  const job = browserJob(request, deps.timeoutMs - PAGE_BUDGET_MARGIN_MS);
  return answer(await deps.pool.run(job, deps.timeoutMs), deps, log);
}

/** Pre-check, then one browser job under the deadline; every outcome is measured. */
export async function renderShader(
  deps: RenderDeps,
  request: RenderJobRequest,
  log: Logger,
): Promise<RenderResult> {
  const started = performance.now();
  try {
    const result = await renderOnce(deps, request, log);
    deps.metrics.observeRender(request.kind, result, (performance.now() - started) / 1000);
    return result;
  } catch (err) {
    if (err instanceof QueueFullError) deps.metrics.queueRejections.inc();
    throw err;
  }
}

/** Compile only: the same pre-check, then the browser's own compiler, both in user line numbers. */
export async function validateShader(deps: RenderDeps, source: ShaderSource): Promise<ValidateResponse> {
  const precheckErrors = await deps.precheck(source);
  if (precheckErrors.length > 0) return { ok: false, errors: precheckErrors };
  let outcome;
  try {
    outcome = await deps.pool.run((page) => compileInPage(page, source), deps.timeoutMs);
  } catch (err) {
    if (err instanceof QueueFullError) deps.metrics.queueRejections.inc();
    throw err;
  }
  switch (outcome.kind) {
    case 'ok':
      return { ok: outcome.value.ok, errors: outcome.value.errors };
    case 'timeout':
      return {
        ok: false,
        errors: [
          { pass: 'Image', line: null, message: `shader too complex to compile within ${deps.timeoutMs} ms` },
        ],
      };
    case 'crashed':
      throw new AppError(
        500,
        'renderer_crashed',
        'The browser failed while compiling; the request can be retried.',
      );
  }
}
