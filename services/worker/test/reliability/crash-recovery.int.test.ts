import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@fractafrag/contracts';
import { freePort } from '../../../../tests/support/renderer-process.ts';
import {
  redisServer,
  renderCount,
  rendererOn,
  renderProducer,
  SLOW,
  TRIVIAL,
  until,
  workerProcess,
  world,
  type RedisServer,
  type ServiceProcess,
  type World,
} from './processes.ts';

describe('reliability: the worker crashes, and duplicates collapse', () => {
  let redis: RedisServer;
  let renderer: ServiceProcess;
  let w: World;
  let producer: ReturnType<typeof renderProducer>;
  let startWorker: () => Promise<ServiceProcess>;
  let worker: ServiceProcess | undefined;

  beforeAll(async () => {
    [redis, w] = await Promise.all([redisServer(), world()]);
    // A slow shader must finish inside the renderer's deadline: give it room.
    renderer = await rendererOn(await freePort(), { RENDER_TIMEOUT_MS: '30000' })();
    producer = renderProducer(redis.url);
    startWorker = await workerProcess({
      databaseUrl: w.db.url,
      redisUrl: redis.url,
      rendererUrl: renderer.url,
      rendersDir: w.rendersDir,
      extra: { RENDER_TIMEOUT_MS: '30000' },
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await producer?.close();
    await renderer?.stop();
    await redis?.remove();
    await w?.close();
  });

  it('finishes a render whose worker was killed with SIGKILL mid-render, once a worker is back', async () => {
    worker = await startWorker();
    const [job] = await w.insertShaders([SLOW]);
    await producer.enqueue([job!]);
    const jobId = QUEUES.render.jobId(job!);

    // Mid-render: the shader is marked rendering and the renderer is busy with it.
    await until(
      'the render to start',
      async () => (await w.renderStates([job!.shaderId])).get(job!.shaderId)?.state === 'rendering',
      30_000,
      20,
    );
    await worker.kill9();
    expect(await (await producer.queue.getJob(jobId))!.getState()).toBe('active');

    worker = await startWorker();
    // The dead worker's lock expires (WORKER_STALLED_INTERVAL_MS = 4 s); the new worker's stalled
    // check puts the job back in the queue and renders it.
    const state = await until(
      'the shader to be ready',
      async () => {
        const s = (await w.renderStates([job!.shaderId])).get(job!.shaderId)!;
        return s.state === 'ready' || s.state === 'failed' ? s : undefined;
      },
      90_000,
      200,
    );
    expect(state).toEqual({ state: 'ready', error: null });
    const finished = (await producer.queue.getJob(jobId))!;
    expect(await finished.getState()).toBe('completed');
    expect(finished.returnvalue).toBe('ready');
    const { rows } = await w.db.pool.query('SELECT kind FROM renders WHERE shader_id = $1', [job!.shaderId]);
    expect(rows).toEqual([{ kind: 'thumbnail' }]);
  }, 150_000);

  it('renders a version submitted twice (and again after it finished) exactly once', async () => {
    worker ??= await startWorker();
    const before = await renderCount(renderer.url);
    const [job] = await w.insertShaders([TRIVIAL(7)]);
    // Two submissions racing, as two API replicas would enqueue them.
    await Promise.all([producer.enqueue([job!]), producer.enqueue([job!])]);
    await until(
      'the shader to be ready',
      async () => (await w.renderStates([job!.shaderId])).get(job!.shaderId)?.state === 'ready',
      60_000,
    );
    // A third submission after the render finished collapses into the completed job.
    await producer.enqueue([job!]);
    const jobs = (
      await producer.queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])
    ).filter((j) => (j.data as { shaderId: string }).shaderId === job!.shaderId);
    expect(jobs.map((j) => j.id)).toEqual([QUEUES.render.jobId(job!)]);
    expect(await jobs[0]!.getState()).toBe('completed');
    expect(await renderCount(renderer.url)).toBe(before + 1);
    const { rows } = await w.db.pool.query('SELECT count(*)::int AS n FROM renders WHERE shader_id = $1', [
      job!.shaderId,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  }, 90_000);
});
