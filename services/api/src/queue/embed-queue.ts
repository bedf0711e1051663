import { Queue, type ConnectionOptions } from 'bullmq';
import { BULLMQ_PREFIX, QUEUES, type EmbedJob } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import type { RenderQueue } from './render-queue.ts';

/**
 * Producer side of the embed queue. Job ids are `embed-<kind>-<id>`: while a job waits, another
 * add collapses into it (the worker reads the entity's current text when it runs). A finished
 * job with that id would swallow the add too, so it is removed first: a later edit is embedded again.
 */
export function createEmbedQueue(connection: ConnectionOptions, prefix = BULLMQ_PREFIX) {
  const spec = QUEUES.embed;
  const queue = new Queue(spec.name, { connection, prefix });
  return {
    queue,
    async enqueue(job: EmbedJob): Promise<void> {
      const payload = spec.payload.parse(job);
      const jobId = spec.jobId(payload);
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        // Another producer may have removed it meanwhile; the add below is what matters.
        if (state === 'completed' || state === 'failed') await existing.remove().catch(() => undefined);
      }
      await queue.add(spec.name, payload, {
        jobId,
        attempts: spec.retry.attempts,
        backoff: spec.retry.backoff,
        removeOnComplete: spec.keepCompleted,
        removeOnFail: false,
      });
    },
    close: () => queue.close(),
  };
}

export type EmbedQueue = ReturnType<typeof createEmbedQueue>;

/** ApiDeps and the shaders' deps both fit: the embed queue follows the render queue's connection. */
export interface EmbedQueueDeps {
  renderQueue: RenderQueue;
  logger: Logger;
}

const embedQueues = new WeakMap<RenderQueue, EmbedQueue>();

/**
 * One embed queue per app, on the render queue's Redis connection (shared, so nothing extra to
 * close) and under its BullMQ prefix (a per-file prefix in tests).
 */
export function embedQueueFor(deps: EmbedQueueDeps): EmbedQueue {
  let queue = embedQueues.get(deps.renderQueue);
  if (!queue) {
    const { connection, prefix } = deps.renderQueue.queue.opts;
    queue = createEmbedQueue(connection, prefix ?? BULLMQ_PREFIX);
    embedQueues.set(deps.renderQueue, queue);
  }
  return queue;
}

/**
 * Asks the worker to (re)compute an embedding. Never fails the caller's request: the entity is
 * already committed, and the worker's reconciler embeds anything still without an embedding
 * (a stale embedding after a lost enqueue is refreshed by the next edit or render).
 * Returns whether the job was enqueued.
 */
export async function enqueueEmbed(deps: EmbedQueueDeps, job: EmbedJob): Promise<boolean> {
  try {
    await embedQueueFor(deps).enqueue(job);
    return true;
  } catch (err) {
    deps.logger.warn(
      { err, kind: job.kind, id: job.id, request_id: job.requestId },
      'embed enqueue failed; the reconciler will retry',
    );
    return false;
  }
}

/** For shader create and update: re-embed its title, description, tags and current code. */
export function enqueueShaderEmbed(
  deps: EmbedQueueDeps,
  shaderId: string,
  requestId?: string,
): Promise<boolean> {
  return enqueueEmbed(deps, { kind: 'shader', id: shaderId, requestId });
}

export function enqueueDesireEmbed(
  deps: EmbedQueueDeps,
  desireId: string,
  requestId?: string,
): Promise<boolean> {
  return enqueueEmbed(deps, { kind: 'desire', id: desireId, requestId });
}
