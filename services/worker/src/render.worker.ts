import { UnrecoverableError, type Job } from 'bullmq';
import { QUEUES, type EmbedJob, type RenderJob } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { storeArtifact } from './artifact-store.ts';
import {
  findRenderTarget,
  markRendering,
  recordRenderFailure,
  recordThumbnail,
} from './render.repository.ts';
import { requestRender } from './renderer-client.ts';

export const THUMBNAIL = { width: 640, height: 360, format: 'webp' } as const;

export interface RenderDeps {
  pool: Pool;
  logger: Logger;
  rendererUrl: string;
  rendersDir: string;
  /** Longer than the renderer's own deadline, so its 'timeout' answer arrives first. */
  requestTimeoutMs: number;
  /** Enqueues a text embedding (main.ts wires the embed queue); optional so tests may leave it out. */
  requestEmbed?: (job: EmbedJob) => Promise<unknown>;
}

export type RenderJobOutcome = 'ready' | 'superseded' | 'missing';

/**
 * Renders one shader version's thumbnail. Compile errors and timeouts fail for good
 * (UnrecoverableError) with the reason recorded on the shader; anything else is rethrown so
 * BullMQ retries with backoff.
 */
export async function processRenderJob(deps: RenderDeps, job: Job): Promise<RenderJobOutcome> {
  // A payload that does not parse will never parse: fail for good instead of retrying.
  const parsed = QUEUES.render.payload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid render payload: ${parsed.error.message}`);
  const payload: RenderJob = parsed.data;
  const log = deps.logger.child({
    job_id: job.id,
    shader_id: payload.shaderId,
    request_id: payload.requestId,
  });
  const target = await findRenderTarget(deps.pool, payload.shaderId, payload.version);
  if (!target) return 'missing';
  if (target.current_version !== payload.version) return 'superseded';
  await markRendering(deps.pool, payload.shaderId, payload.version);

  const result = await requestRender(
    deps.rendererUrl,
    {
      source: { common: target.common_code, passes: target.passes },
      ...THUMBNAIL,
      time: target.thumbnail_time,
    },
    deps.requestTimeoutMs,
  );
  if (!result.ok) {
    const { failure } = result;
    const detail = failure.errors
      .map((e) => `${e.pass}${e.line ? `:${e.line}` : ''}: ${e.message}`)
      .join('\n');
    const reason =
      failure.outcome === 'timeout'
        ? `timeout: ${failure.message}`
        : `compile error: ${detail || failure.message}`;
    await recordRenderFailure(deps.pool, payload.shaderId, payload.version, reason);
    log.info({ outcome: failure.outcome }, 'render failed for good');
    throw new UnrecoverableError(reason);
  }
  const relative = await storeArtifact(
    deps.rendersDir,
    payload.shaderId,
    payload.version,
    'thumb',
    'webp',
    result.image,
  );
  await recordThumbnail(deps.pool, payload.shaderId, payload.version, {
    path: relative,
    ...THUMBNAIL,
    bytes: result.image.length,
    renderMs: result.renderMs,
    isBlank: result.blank,
  });
  // The rendered version's code is now the shader's: refresh its text embedding too. A failed
  // enqueue must not fail a finished render (a missing embedding is reconciled by the worker).
  await deps
    .requestEmbed?.({ kind: 'shader', id: payload.shaderId, requestId: payload.requestId })
    .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'embed enqueue after render failed'));
  log.info({ path: relative, render_ms: result.renderMs, blank: result.blank }, 'thumbnail rendered');
  return 'ready';
}

/** After the last retry of a transient failure, the shader still gets a reason the user can read. */
export async function recordExhaustedRetries(deps: RenderDeps, job: Job, error: Error): Promise<void> {
  if (error instanceof UnrecoverableError) return;
  const parsed = QUEUES.render.payload.safeParse(job.data);
  if (!parsed.success) return;
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade < attempts) return;
  await recordRenderFailure(
    deps.pool,
    parsed.data.shaderId,
    parsed.data.version,
    `renderer unavailable after ${attempts} attempts: ${error.message}`,
  );
}
