import type { Job, Queue } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';

export function createWorkerMetrics(registry: Registry) {
  const outcomes = new Counter({
    name: 'worker_job_outcomes_total',
    help: 'Jobs finished, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Counter({
    name: 'worker_job_seconds_total',
    help: 'Total processing seconds, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  const queues: Queue[] = [];
  new Gauge({
    name: 'worker_queue_depth',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
      }
    },
  });
  return {
    trackQueueDepth: (queue: Queue) => queues.push(queue),
    jobOutcome(queue: string, outcome: string, job: Job) {
      outcomes.inc({ queue, outcome });
      if (job.finishedOn && job.processedOn)
        duration.inc({ queue }, (job.finishedOn - job.processedOn) / 1000);
    },
  };
}
