import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@fractafrag/contracts';
import { freePort } from '../../../../tests/support/renderer-process.ts';
import {
  redisServer,
  rendererOn,
  renderProducer,
  TRIVIAL,
  until,
  workerProcess,
  world,
  type RedisServer,
  type ServiceProcess,
  type World,
} from './processes.ts';

describe('reliability: Redis restarts (AOF)', () => {
  let redis: RedisServer;
  let w: World;
  let renderer: ServiceProcess;
  let worker: ServiceProcess | undefined;

  beforeAll(async () => {
    [redis, w] = await Promise.all([redisServer(), world()]);
    renderer = await rendererOn(await freePort())();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await renderer?.stop();
    await redis?.remove();
    await w?.close();
  });

  it('keeps queued jobs across a Redis restart and renders them all, even when Redis restarts again mid-way', async () => {
    const jobs = await w.insertShaders(Array.from({ length: 40 }, (_, i) => TRIVIAL(i)));
    const ids = jobs.map((j) => QUEUES.render.jobId(j));
    const producer = renderProducer(redis.url);
    await producer.enqueue(jobs);
    expect(await producer.queue.getWaitingCount()).toBe(40);
    await producer.close();

    await redis.stop();
    await redis.start();

    const after = renderProducer(redis.url);
    try {
      expect(await after.queue.getWaitingCount()).toBe(40);
      const survivors = await Promise.all(ids.map((id) => after.queue.getJob(id)));
      expect(survivors.map((j) => j?.data as unknown)).toEqual(jobs);

      worker = await (
        await workerProcess({
          databaseUrl: w.db.url,
          redisUrl: redis.url,
          rendererUrl: renderer.url,
          rendersDir: w.rendersDir,
        })
      )();
      const readyCount = async () =>
        [...(await w.renderStates(jobs.map((j) => j.shaderId))).values()].filter((s) => s.state === 'ready')
          .length;
      await until('a few renders to finish', async () => (await readyCount()) >= 5, 60_000, 50);
      // Restart Redis under the running worker.
      await redis.stop();
      await redis.start();
      await until('every shader to be ready', async () => (await readyCount()) === 40, 120_000, 200);

      const counts = await after.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: 40 });
    } finally {
      await after.close();
    }
  }, 180_000);
});
