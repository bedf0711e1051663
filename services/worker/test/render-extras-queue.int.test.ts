import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, jobOptions, type RenderJob } from '@fractafrag/contracts';
import { enqueueRenderExtras } from '../src/render-extras.queue.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real Redis and BullMQ: posters and previews wait behind every thumbnail, whenever queued. */
describe('render extras queue', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  let connection: Redis;
  let queue: Queue;

  beforeAll(() => {
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUES.render.name, { connection, prefix });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });

  const thumbnailJob = (): RenderJob => ({
    shaderId: randomUUID(),
    version: 1,
    codeHash: randomBytes(8).toString('hex'),
  });

  /** Runs one worker (concurrency 1) until `count` jobs finished; returns their payloads in order. */
  async function drain(count: number): Promise<RenderJob[]> {
    const order: RenderJob[] = [];
    let worker: Worker | undefined;
    await new Promise<void>((resolve) => {
      worker = new Worker(
        QUEUES.render.name,
        (job: Job<RenderJob>) => {
          order.push(job.data);
          if (order.length === count) resolve();
          return Promise.resolve();
        },
        { connection, prefix, concurrency: 1 },
      );
    });
    await worker!.close();
    return order;
  }

  it('runs thumbnails queued after the extras before them', async () => {
    const first = thumbnailJob();
    const second = thumbnailJob();
    expect(await enqueueRenderExtras(queue, { ...first, artifacts: ['poster', 'preview'] })).toBe(true);
    expect(await enqueueRenderExtras(queue, { ...second, artifacts: ['poster', 'preview'] })).toBe(true);
    const later = [thumbnailJob(), thumbnailJob()];
    for (const job of later)
      await queue.add(QUEUES.render.name, job, {
        ...jobOptions(QUEUES.render),
        jobId: QUEUES.render.jobId(job),
      });

    const order = await drain(4);
    expect(order.map((j) => j.artifacts ?? 'thumbnail')).toEqual([
      'thumbnail',
      'thumbnail',
      ['poster', 'preview'],
      ['poster', 'preview'],
    ]);
    expect(order.slice(2).map((j) => j.shaderId)).toEqual([first.shaderId, second.shaderId]);
  });

  it('keeps one pending extras job per version, and queues it again once the first finished', async () => {
    const extras: RenderJob = { ...thumbnailJob(), artifacts: ['poster', 'preview'] };
    const id = QUEUES.render.jobId(extras);
    expect(id).toMatch(/^render-extras-/);
    expect(id).not.toBe(QUEUES.render.jobId({ ...extras, artifacts: undefined }));
    expect(await enqueueRenderExtras(queue, extras)).toBe(true);
    expect(await enqueueRenderExtras(queue, extras)).toBe(false);
    expect(await drain(1)).toEqual([extras]);
    expect(await queue.getJobState(id)).toBe('completed');
    expect(await enqueueRenderExtras(queue, extras)).toBe(true);
    expect(await queue.getJobState(id)).toBe('prioritized');
  });
});
