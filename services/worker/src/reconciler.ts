import type { Queue } from 'bullmq';
import { QUEUES } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { findUnfinishedRenders } from './render.repository.ts';

/** A shader whose render is 'rendering' longer than this has lost its worker. */
const STUCK_AFTER_SECONDS = 120;

/**
 * Makes Postgres the source of truth for pending renders: every shader whose current version is
 * queued (or stuck rendering) gets a job. Job ids are deterministic, so an existing waiting or
 * active job absorbs the add; a finished job whose result never reached the database is replaced.
 * This covers a lost enqueue (Redis down at submit time), a wiped Redis, and the seed shaders.
 */
export async function reconcileRenders(pool: Pool, queue: Queue, logger: Logger): Promise<number> {
  const spec = QUEUES.render;
  const pending = await findUnfinishedRenders(pool, STUCK_AFTER_SECONDS);
  let enqueued = 0;
  for (const row of pending) {
    const payload = spec.payload.parse({
      shaderId: row.shader_id,
      version: row.version,
      codeHash: row.code_hash,
    });
    const jobId = spec.jobId(payload);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') continue;
      await existing.remove();
    }
    await queue.add(spec.name, payload, {
      jobId,
      attempts: spec.retry.attempts,
      backoff: spec.retry.backoff,
      removeOnComplete: spec.keepCompleted,
      removeOnFail: false,
    });
    enqueued += 1;
  }
  if (enqueued > 0) logger.info({ enqueued }, 'reconciled pending renders');
  return enqueued;
}
