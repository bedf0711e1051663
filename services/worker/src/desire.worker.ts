import { UnrecoverableError, type Job } from 'bullmq';
import { QUEUES } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import { refundTips } from '@fractafrag/db';
import { findExpiredOpenDesires, markExpired } from './desire.repository.ts';
import { decayDesireHeat } from './embed.worker.ts';

export interface DesireUpkeepDeps {
  pool: Pool;
  logger: Logger;
}

/** Desires expired per batch, and batches per run; whatever is left waits for the next run. */
const EXPIRY_BATCH = 100;
const EXPIRY_MAX_BATCHES = 50;

export interface DesireUpkeepResult {
  expired: number;
  refundedPoints: number;
  /** Open desires whose heat was recomputed (null when the task was not asked for). */
  heatRefreshed: number | null;
}

/**
 * Expires open desires past expires_at, each in its own transaction with the refund of its tips
 * (so a crash midway leaves every desire either open with its tips or expired and refunded, and a
 * retry continues where it stopped), then recomputes the heat of every open desire (heat decays
 * with age, so it changes even when nothing happens).
 */
export async function processDesireJob(deps: DesireUpkeepDeps, job: Job): Promise<DesireUpkeepResult> {
  const parsed = QUEUES.desire.payload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid desire payload: ${parsed.error.message}`);
  const { tasks, requestId } = parsed.data;
  const result: DesireUpkeepResult = { expired: 0, refundedPoints: 0, heatRefreshed: null };
  if (tasks.includes('expire')) {
    for (let batch = 0; batch < EXPIRY_MAX_BATCHES; batch++) {
      const ids = await findExpiredOpenDesires(deps.pool, EXPIRY_BATCH);
      for (const id of ids) {
        const refunded = await withTransaction(deps.pool, async (client) =>
          (await markExpired(client, id)) ? refundTips(client, id) : null,
        );
        if (refunded === null) continue;
        result.expired += 1;
        result.refundedPoints += refunded;
      }
      if (ids.length < EXPIRY_BATCH) break;
    }
  }
  if (tasks.includes('heat')) result.heatRefreshed = await decayDesireHeat(deps.pool, deps.logger);
  deps.logger.info({ job_id: job.id, request_id: requestId, ...result }, 'desire upkeep done');
  return result;
}
