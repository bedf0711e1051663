import { UnrecoverableError, type Job } from 'bullmq';
import { QUEUES } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { refreshHotScores, type RefreshResult } from '@fractafrag/ranking/refresh';

export interface ScoreDeps {
  pool: Pool;
  logger: Logger;
}

export const DEFAULT_SCORE_BATCH = 500;

/**
 * Periodic hot-score decay: every published shader is re-scored with the same hotScore() that
 * votes and events use, in keyset batches, so shaders nobody touches still sink with age.
 */
export async function processScoreJob(deps: ScoreDeps, job: Job): Promise<RefreshResult> {
  const parsed = QUEUES.score.payload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid score payload: ${parsed.error.message}`);
  const started = Date.now();
  const result = await refreshHotScores(deps.pool, parsed.data.batch ?? DEFAULT_SCORE_BATCH);
  deps.logger.info(
    { job_id: job.id, request_id: parsed.data.requestId, ...result, ms: Date.now() - started },
    'hot scores refreshed',
  );
  return result;
}
