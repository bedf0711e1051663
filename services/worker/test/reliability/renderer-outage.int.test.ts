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

describe('reliability: the renderer is down', () => {
  let redis: RedisServer;
  let w: World;
  let producer: ReturnType<typeof renderProducer>;
  let worker: ServiceProcess | undefined;
  let renderer: ServiceProcess | undefined;

  beforeAll(async () => {
    [redis, w] = await Promise.all([redisServer(), world()]);
    producer = renderProducer(redis.url);
  });

  afterAll(async () => {
    await worker?.stop();
    await renderer?.stop();
    await producer?.close();
    await redis?.remove();
    await w?.close();
  });

  it('retries renders with exponential backoff while the renderer is down and finishes them when it is back', async () => {
    const rendererPort = await freePort();
    worker = await (
      await workerProcess({
        databaseUrl: w.db.url,
        redisUrl: redis.url,
        rendererUrl: `http://127.0.0.1:${rendererPort}`,
        rendersDir: w.rendersDir,
      })
    )();
    const jobs = await w.insertShaders([0, 1, 2, 3, 4].map(TRIVIAL));
    await producer.enqueue(jobs);
    const ids = jobs.map((j) => QUEUES.render.jobId(j));
    const snapshot = () => Promise.all(ids.map((id) => producer.queue.getJob(id)));

    // Every job fails its first attempts (connection refused) and waits in 'delayed' for the
    // next: 2 s, then 4 s, then 8 s (QUEUES.render.retry).
    await until(
      'two failed attempts of every job',
      async () => (await snapshot()).every((j) => j!.attemptsMade >= 2),
      30_000,
      100,
    );
    for (const job of await snapshot()) {
      expect(['delayed', 'waiting', 'active']).toContain(await job!.getState());
      expect(job!.failedReason).toMatch(/renderer unreachable/);
    }
    // The user sees a render in progress, not a failure.
    const states = await w.renderStates(jobs.map((j) => j.shaderId));
    expect([...states.values()].every((s) => s.state === 'rendering' || s.state === 'queued')).toBe(true);

    renderer = await rendererOn(rendererPort)();
    await until(
      'every shader to be ready',
      async () =>
        [...(await w.renderStates(jobs.map((j) => j.shaderId))).values()].every((s) => s.state === 'ready'),
      60_000,
      200,
    );
    for (const job of await snapshot()) {
      expect(await job!.getState()).toBe('completed');
      expect(job!.attemptsMade).toBeGreaterThanOrEqual(2);
      expect(job!.attemptsMade).toBeLessThan(QUEUES.render.retry.attempts);
    }
    expect(await producer.queue.getFailedCount()).toBe(0);
  }, 120_000);
});
