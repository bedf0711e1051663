import { UnrecoverableError, type Job } from 'bullmq';
import { QUEUES } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { tasteVector } from './taste.ts';
import { findTasteSignals, writeTasteVector } from './taste.repository.ts';

export interface TasteDeps {
  pool: Pool;
  logger: Logger;
}

export type TasteJobOutcome = 'taste-updated' | 'taste-cleared' | 'missing';

/**
 * Recomputes one user's taste vector from everything they engaged with so far (not just the event
 * that triggered the job), so a lost or merged job costs nothing: the next one catches up.
 */
export async function processTasteJob(deps: TasteDeps, job: Job): Promise<TasteJobOutcome> {
  const parsed = QUEUES.taste.payload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid taste payload: ${parsed.error.message}`);
  const { userId, requestId } = parsed.data;
  const signals = await findTasteSignals(deps.pool, userId);
  const vector = tasteVector(signals);
  const written = await writeTasteVector(deps.pool, userId, vector);
  const outcome: TasteJobOutcome = !written ? 'missing' : vector ? 'taste-updated' : 'taste-cleared';
  deps.logger.info(
    { job_id: job.id, user_id: userId, request_id: requestId, shaders: signals.length, outcome },
    'taste recomputed',
  );
  return outcome;
}
