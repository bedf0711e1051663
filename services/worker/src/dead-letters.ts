import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BULLMQ_PREFIX, QUEUE_NAMES, QUEUES, type QueueName } from '@fractafrag/contracts';

export { QUEUE_NAMES };

/** At most this many dead letters are retried by one call. */
export const RETRY_MAX = 10_000;

export interface FailedJobSummary {
  id: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn: number | null;
}

/**
 * Moves failed jobs (all, or the one with jobId) back to waiting with fresh attempts, so a job
 * that exhausted its retries gets its whole retry policy again. Returns the ids retried; a job
 * that is not failed (unknown, already retried, running) is skipped.
 */
export async function retryFailedJobs(queue: Queue, jobId?: string): Promise<string[]> {
  const ids = jobId ? [jobId] : await queue.getRanges(['failed'], 0, RETRY_MAX - 1);
  const retried: string[] = [];
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (!job || !(await job.isFailed())) continue;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    retried.push(id);
  }
  return retried;
}

export async function listFailedJobs(queue: Queue, limit: number): Promise<FailedJobSummary[]> {
  const jobs = await queue.getFailed(0, Math.min(Math.max(1, limit), 1000) - 1);
  return jobs.map((job) => ({
    id: job.id ?? '',
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    finishedOn: job.finishedOn ?? null,
  }));
}

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as string[]).includes(name);
}

/** Opens the named catalogued queues on their own connection (for scripts); close() ends it. */
export function openQueuesAt(redisUrl: string, names: QueueName[]) {
  // A script should fail fast with one clear message, not retry forever.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  connection.on('error', () => undefined);
  const queues = names.map((name) => {
    const queue = new Queue(QUEUES[name].name, { connection, prefix: BULLMQ_PREFIX });
    queue.on('error', () => undefined);
    return queue;
  });
  return {
    queues,
    async close() {
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
    },
  };
}
