import type {
  CompileError,
  RenderFailure,
  renderRequestSchema,
  ShaderSource,
  ValidateResponse,
} from '@fractafrag/contracts';
import { AppError, type Logger } from '@fractafrag/core';
import type { z } from 'zod';
import { QueueFullError, type BrowserPool } from './browser-pool.ts';
import type { ShaderPrecheck } from './glslang-precheck.ts';
import type { RenderMetrics } from './render-metrics.ts';
import { compileInPage, renderInPage } from './render-page.ts';

export interface RenderDeps {
  pool: BrowserPool;
  precheck: ShaderPrecheck;
  timeoutMs: number;
  metrics: RenderMetrics;
}

export type RenderJobRequest = z.output<typeof renderRequestSchema>;

export type RenderResult =
  | { outcome: 'ok'; image: Buffer; contentType: string; renderMs: number; blank: boolean; avgColor: string }
  | RenderFailure;

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

async function renderOnce(deps: RenderDeps, request: RenderJobRequest, log: Logger): Promise<RenderResult> {
  const precheckErrors = await deps.precheck(request.source);
  if (precheckErrors.length > 0) return compileFailure(precheckErrors);
  const { source, width, height, time, format } = request;
  const outcome = await deps.pool.run(
    (page) => renderInPage(page, { source, width, height, time, format }),
    deps.timeoutMs,
  );
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
    case 'ok': {
      const page = outcome.value;
      if (!page.ok) return compileFailure(page.errors);
      const { contentType, image } = decodeDataUrl(page.dataUrl);
      return {
        outcome: 'ok',
        image,
        contentType,
        renderMs: Math.round(outcome.ms),
        blank: page.blank,
        avgColor: page.avgColor,
      };
    }
  }
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
    deps.metrics.renderOutcomes.inc({ outcome: result.outcome });
    deps.metrics.renderDuration.observe({ outcome: result.outcome }, (performance.now() - started) / 1000);
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
