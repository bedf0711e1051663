import type { Job, Queue } from 'bullmq';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Job outcomes and durations, plus each queue's depth and the age of its oldest waiting job, read
 * from Redis at scrape time (so every replica reports the shared queues, not just its own jobs).
 */
export function createWorkerMetrics(registry: Registry) {
  const outcomes = new Counter({
    name: 'worker_job_outcomes_total',
    help: 'Jobs finished, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'worker_job_duration_seconds',
    help: 'Processing time of a job attempt, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const queues: Queue[] = [];
  new Gauge({
    name: 'worker_queue_depth',
    help: 'Jobs by queue and state (prioritized: posters and previews waiting behind thumbnails)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
      }
    },
  });
  new Gauge({
    name: 'worker_queue_oldest_job_age_seconds',
    help: 'Age of the oldest job waiting to start, by queue (0 when none waits): the queue lag',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const now = Date.now();
      for (const queue of queues) {
        const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
        const since = oldest ? oldest.timestamp + (oldest.delay || 0) : now;
        this.set({ queue: queue.name }, Math.max(0, (now - since) / 1000));
      }
    },
  });
  return {
    trackQueueDepth: (queue: Queue) => queues.push(queue),
    jobOutcome(queue: string, outcome: string, job: Job) {
      outcomes.inc({ queue, outcome });
      if (job.finishedOn && job.processedOn)
        duration.observe({ queue, outcome }, (job.finishedOn - job.processedOn) / 1000);
    },
  };
}
