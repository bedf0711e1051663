import { Queue } from 'bullmq';
import { BULLMQ_PREFIX, QUEUES, type RenderJob } from '@fractafrag/contracts';
import type { Redis } from 'ioredis';

/** Producer side of the render queue; the job id collapses duplicate submissions of one version. */
export function createRenderQueue(connection: Redis, prefix = BULLMQ_PREFIX) {
  const spec = QUEUES.render;
  const queue = new Queue(spec.name, { connection, prefix });
  return {
    queue,
    async enqueue(job: RenderJob): Promise<void> {
      const payload = spec.payload.parse(job);
      await queue.add(spec.name, payload, {
        jobId: spec.jobId(payload),
        attempts: spec.retry.attempts,
        backoff: spec.retry.backoff,
        removeOnComplete: spec.keepCompleted,
        removeOnFail: false,
      });
    },
    close: () => queue.close(),
  };
}

export type RenderQueue = ReturnType<typeof createRenderQueue>;
