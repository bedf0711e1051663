import { UnrecoverableError, type Job } from 'bullmq';
import {
  PREVIEW_MAX_BYTES,
  QUEUES,
  RENDER_KIND_DEFAULTS,
  type EmbedJob,
  type RenderJob,
} from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { storeArtifact } from './artifact-store.ts';
import {
  findRenderTarget,
  markRendering,
  recordExtraArtifact,
  recordRenderFailure,
  recordThumbnail,
  type ExtraArtifactKind,
  type RenderTarget,
} from './render.repository.ts';
import { requestRender } from './renderer-client.ts';

export const THUMBNAIL = { width: 640, height: 360, format: 'webp' } as const;
/** The poster is a still at the thumbnail's time; the preview is an animated WebP from its default start. */
export const EXTRA_ARTIFACTS: Record<ExtraArtifactKind, { width: number; height: number; format: 'webp' }> = {
  poster: {
    width: RENDER_KIND_DEFAULTS.poster.width,
    height: RENDER_KIND_DEFAULTS.poster.height,
    format: 'webp',
  },
  preview: {
    width: RENDER_KIND_DEFAULTS.preview.width,
    height: RENDER_KIND_DEFAULTS.preview.height,
    format: 'webp',
  },
};

export interface RenderDeps {
  pool: Pool;
  logger: Logger;
  rendererUrl: string;
  rendersDir: string;
  /** Longer than the renderer's own deadline, so its 'timeout' answer arrives first. */
  requestTimeoutMs: number;
  /** Enqueues a text embedding (main.ts wires the embed queue); optional so tests may leave it out. */
  requestEmbed?: (job: EmbedJob) => Promise<unknown>;
  /**
   * After the thumbnail, queue the poster and the animated preview as a job of their own
   * (RENDER_EXTRA_ARTIFACTS; main.ts wires the render queue); unset renders thumbnails only.
   */
  requestExtras?: (job: RenderJob) => Promise<unknown>;
}

export type RenderJobOutcome = 'ready' | 'extras-rendered' | 'superseded' | 'missing';

/**
 * Renders one shader version's thumbnail and queues its poster and preview, or, for a job naming
 * `artifacts`, renders those. A thumbnail's compile errors and timeouts fail for good
 * (UnrecoverableError) with the reason recorded on the shader; anything else is rethrown so BullMQ
 * retries with backoff. Poster and preview failures never fail a job (renderExtraArtifact).
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
  if (payload.artifacts) {
    for (const kind of payload.artifacts) await renderExtraArtifact(deps, payload, target, kind, log);
    return 'extras-rendered';
  }
  await markRendering(deps.pool, payload.shaderId, payload.version);

  const result = await requestRender(
    deps.rendererUrl,
    {
      source: { common: target.common_code, passes: target.passes },
      ...THUMBNAIL,
      time: target.thumbnail_time,
    },
    deps.requestTimeoutMs,
    payload.requestId ?? `render-job-${job.id}`,
  );
  if (!result.ok) {
    const { failure } = result;
    // A first timeout may be a busy machine rather than the shader: retry once (with backoff)
    // before failing for good. Compile errors are final at once.
    if (failure.outcome === 'timeout' && job.attemptsMade === 0) {
      log.info('render timed out on the first attempt; retrying once before failing for good');
      throw new Error(`render timed out (first attempt): ${failure.message}`);
    }
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
  // Like the embedding, the extras are best effort: a lost enqueue leaves them missing, not the shader.
  await deps
    .requestExtras?.({ ...payload, artifacts: ['poster', 'preview'] })
    .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'extras enqueue failed'));
  return 'ready';
}

/**
 * Renders, stores and records one poster or preview. The shader is already ready with its
 * thumbnail, so any failure here (a heavy shader's timeout, a renderer hiccup, storage) is logged
 * and leaves that path null instead of failing the job or changing the render state.
 */
async function renderExtraArtifact(
  deps: RenderDeps,
  payload: RenderJob,
  target: RenderTarget,
  kind: ExtraArtifactKind,
  log: Logger,
): Promise<void> {
  const spec = EXTRA_ARTIFACTS[kind];
  try {
    const result = await requestRender(
      deps.rendererUrl,
      {
        source: { common: target.common_code, passes: target.passes },
        kind,
        ...spec,
        ...(kind === 'poster' ? { time: target.thumbnail_time } : {}),
      },
      deps.requestTimeoutMs,
      payload.requestId,
    );
    if (!result.ok) {
      log.warn(
        { kind, outcome: result.failure.outcome, reason: result.failure.message },
        'artifact not rendered',
      );
      return;
    }
    if (kind === 'preview' && result.image.length > PREVIEW_MAX_BYTES) {
      log.warn({ kind, bytes: result.image.length }, 'preview over its size limit, not stored');
      return;
    }
    const relative = await storeArtifact(
      deps.rendersDir,
      payload.shaderId,
      payload.version,
      kind,
      'webp',
      result.image,
    );
    await recordExtraArtifact(deps.pool, payload.shaderId, payload.version, kind, {
      path: relative,
      ...spec,
      bytes: result.image.length,
      renderMs: result.renderMs,
      isBlank: result.blank,
    });
    log.info({ kind, path: relative, render_ms: result.renderMs }, 'artifact rendered');
  } catch (err) {
    log.warn({ kind, err: (err as Error).message }, 'artifact not rendered');
  }
}

/** After the last retry of a transient failure, the shader still gets a reason the user can read. */
export async function recordExhaustedRetries(deps: RenderDeps, job: Job, error: Error): Promise<void> {
  if (error instanceof UnrecoverableError) return;
  const parsed = QUEUES.render.payload.safeParse(job.data);
  // An extras job never changes the shader's state: its thumbnail is already recorded.
  if (!parsed.success || parsed.data.artifacts) return;
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade < attempts) return;
  await recordRenderFailure(
    deps.pool,
    parsed.data.shaderId,
    parsed.data.version,
    `renderer unavailable after ${attempts} attempts: ${error.message}`,
  );
}
