import { Queue } from 'bullmq';
import { BULLMQ_PREFIX, QUEUE_NAMES, QUEUES, type QueueName } from '@fractafrag/contracts';
import type { RenderQueue } from './render-queue.ts';

export type AdminQueues = { [Q in QueueName]: Queue };

const cache = new WeakMap<RenderQueue, AdminQueues>();

/**
 * One BullMQ Queue per catalogued queue, for the admin endpoints and the dashboard: on the render
 * queue's Redis connection (shared, nothing extra to close) and under its prefix (per file in tests).
 */
export function adminQueuesFor(deps: { renderQueue: RenderQueue }): AdminQueues {
  let queues = cache.get(deps.renderQueue);
  if (!queues) {
    const { connection, prefix } = deps.renderQueue.queue.opts;
    const entries = QUEUE_NAMES.map((name) => [
      name,
      name === 'render'
        ? deps.renderQueue.queue
        : new Queue(QUEUES[name].name, { connection, prefix: prefix ?? BULLMQ_PREFIX }),
    ]);
    queues = Object.fromEntries(entries) as AdminQueues;
    cache.set(deps.renderQueue, queues);
  }
  return queues;
}

export async function countJobs(queue: Queue) {
  const c = await queue.getJobCounts(
    'waiting',
    'prioritized',
    'active',
    'delayed',
    'failed',
    'completed',
    'paused',
  );
  return {
    waiting: c.waiting ?? 0,
    prioritized: c.prioritized ?? 0,
    active: c.active ?? 0,
    delayed: c.delayed ?? 0,
    failed: c.failed ?? 0,
    completed: c.completed ?? 0,
    paused: c.paused ?? 0,
  };
}

/** A page of dead letters, newest failure first. */
export async function findFailedJobs(queue: Queue, offset: number, limit: number) {
  const [total, jobs] = await Promise.all([
    queue.getFailedCount(),
    queue.getFailed(offset, offset + limit - 1),
  ]);
  return { total, jobs: jobs.filter((j) => j !== undefined && j !== null) };
}

export type RetryOutcome = 'retried' | 'not_found' | 'not_failed';

/** Moves one failed job back to waiting with its whole retry policy again (attempts reset). */
export async function retryFailedJob(queue: Queue, jobId: string): Promise<RetryOutcome> {
  const job = await queue.getJob(jobId);
  if (!job) return 'not_found';
  if (!(await job.isFailed())) return 'not_failed';
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  return 'retried';
}

/** Ids of the failed jobs, oldest failure first, at most `max`. */
export function failedJobIds(queue: Queue, max: number): Promise<string[]> {
  return queue.getRanges(['failed'], 0, max - 1, true);
}
