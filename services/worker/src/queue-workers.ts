import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { QUEUE_NAMES, QUEUES, jobOptions, type QueueName } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { JobHandlers } from './job-handlers.ts';
import type { createWorkerMetrics } from './worker.metrics.ts';

export type QueueMap = { [Q in QueueName]: Queue };

/**
 * One Queue per catalogued queue (producing, scheduling, metrics). Their connection errors are the
 * shared connection's, which the caller already logs; without a listener BullMQ prints each one.
 */
export function openQueues(connection: ConnectionOptions, prefix: string): QueueMap {
  const entries = QUEUE_NAMES.map((name) => {
    const queue = new Queue(QUEUES[name].name, { connection, prefix });
    queue.on('error', () => undefined);
    return [name, queue];
  });
  return Object.fromEntries(entries) as QueueMap;
}

export interface QueueWorkersOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: Record<QueueName, number>;
  /** Lock duration and stalled-job check interval (WORKER_STALLED_INTERVAL_MS). */
  stalledIntervalMs: number;
  logger: Logger;
  metrics: ReturnType<typeof createWorkerMetrics>;
  /** Extra work when a job of that queue fails (e.g. recording a render's final failure). */
  onFailed?: Partial<Record<QueueName, (job: Job, err: Error) => Promise<void>>>;
}

/**
 * One BullMQ worker per catalogued queue. A job whose worker dies keeps its lock for
 * stalledIntervalMs; then any live worker's stalled check moves it back to waiting, so it runs again.
 */
export function startQueueWorkers(handlers: JobHandlers, options: QueueWorkersOptions): Worker[] {
  const { logger, metrics } = options;
  return QUEUE_NAMES.map((name) => {
    const worker = new Worker(QUEUES[name].name, handlers[name], {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency[name],
      lockDuration: options.stalledIntervalMs,
      stalledInterval: options.stalledIntervalMs,
    });
    worker.on('completed', (job, outcome) =>
      metrics.jobOutcome(name, typeof outcome === 'string' ? outcome : 'completed', job),
    );
    worker.on('failed', (job, err) => {
      if (!job) return;
      metrics.jobOutcome(name, 'failed', job);
      logger.warn(
        {
          queue: name,
          job_id: job.id,
          shader_id: (job.data as { shaderId?: unknown }).shaderId,
          attempts: job.attemptsMade,
          err: err.message,
        },
        'job failed',
      );
      options.onFailed?.[name]?.(job, err).catch((e: unknown) =>
        logger.error({ queue: name, job_id: job.id, err: e }, 'could not record the failure'),
      );
    });
    worker.on('stalled', (jobId) =>
      logger.warn({ queue: name, job_id: jobId }, 'job stalled (its worker died or froze); running it again'),
    );
    worker.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });
}

/**
 * Upserts the job scheduler of every periodic queue (score, desire). Idempotent, so every worker
 * replica may call it at start; a changed interval replaces the old schedule.
 */
export async function ensureSchedules(queues: QueueMap): Promise<string[]> {
  const scheduled: string[] = [];
  for (const name of QUEUE_NAMES) {
    const spec = QUEUES[name];
    if (!spec.schedule) continue;
    await queues[name].upsertJobScheduler(
      spec.schedule.id,
      { every: spec.schedule.everyMs },
      { name: spec.name, data: spec.schedule.payload, opts: jobOptions(spec) },
    );
    scheduled.push(spec.schedule.id);
  }
  return scheduled;
}
