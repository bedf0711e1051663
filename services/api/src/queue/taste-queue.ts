import { Queue } from 'bullmq';
import { BULLMQ_PREFIX, QUEUES, jobOptions, tasteJobFor } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { RenderQueue } from './render-queue.ts';

export interface TasteQueueDeps {
  renderQueue: RenderQueue;
  logger: Logger;
}

const queues = new WeakMap<RenderQueue, Queue>();

/** The taste queue, on the render queue's Redis connection and under its BullMQ prefix. */
export function tasteQueueFor(deps: { renderQueue: RenderQueue }): Queue {
  let queue = queues.get(deps.renderQueue);
  if (!queue) {
    const { connection, prefix } = deps.renderQueue.queue.opts;
    queue = new Queue(QUEUES.taste.name, { connection, prefix: prefix ?? BULLMQ_PREFIX });
    queues.set(deps.renderQueue, queue);
  }
  return queue;
}

/**
 * Asks the worker to recompute the user's taste vector after a vote or engagement event. The job
 * is debounced (tasteJobFor: one delayed job per user and 30 s window, so a burst of events makes
 * one job). Fire and forget: the event is already committed, a lost enqueue only delays the taste
 * until the user's next event, and the caller's request never waits on (or fails with) Redis.
 */
export function requestTasteRefresh(deps: TasteQueueDeps, userId: string, requestId?: string): void {
  const { payload, jobId, delay } = tasteJobFor(userId);
  tasteQueueFor(deps)
    .add(QUEUES.taste.name, { ...payload, requestId }, { ...jobOptions(QUEUES.taste), jobId, delay })
    .catch((err: unknown) =>
      deps.logger.warn({ err, user_id: userId, request_id: requestId }, 'taste enqueue failed'),
    );
}
