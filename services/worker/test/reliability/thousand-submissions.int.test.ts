import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/renderer-process.ts';
import {
  BROKEN,
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

const TOTAL = 1000;
/** Every 20th submission does not compile: 50 must end failed, with the reason. */
const isBroken = (i: number) => i % 20 === 19;

describe('reliability: 1,000 submissions', () => {
  let redis: RedisServer;
  let w: World;
  let renderer: ServiceProcess;
  let worker: ServiceProcess | undefined;
  let producer: ReturnType<typeof renderProducer>;

  beforeAll(async () => {
    [redis, w] = await Promise.all([redisServer(), world()]);
    renderer = await rendererOn(await freePort())();
    producer = renderProducer(redis.url);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await producer?.close();
    await renderer?.stop();
    await redis?.remove();
    await w?.close();
  });

  it('ends every one ready or failed with a reason, none lost or stuck, through a worker crash', async () => {
    const codes = Array.from({ length: TOTAL }, (_, i) => (isBroken(i) ? BROKEN(i) : TRIVIAL(i)));
    const jobs = await w.insertShaders(codes);
    const ids = jobs.map((j) => j.shaderId);
    const startWorker = await workerProcess({
      databaseUrl: w.db.url,
      redisUrl: redis.url,
      rendererUrl: renderer.url,
      rendersDir: w.rendersDir,
    });
    worker = await startWorker();
    const started = Date.now();
    // Submitted in bursts, every tenth one twice.
    for (let i = 0; i < TOTAL; i += 100) await producer.enqueue(jobs.slice(i, i + 100));
    await producer.enqueue(jobs.filter((_, i) => i % 10 === 0));

    const finished = async () => {
      const { rows } = await w.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM shaders WHERE id = ANY($1) AND render_state IN ('ready', 'failed')`,
        [ids],
      );
      return rows[0]!.n;
    };
    // A crash a third of the way in: its two active jobs must come back.
    await until('a third of the renders', async () => (await finished()) >= TOTAL / 3, 120_000, 200);
    await worker.kill9();
    worker = await startWorker();
    // Finished in the database, and nothing left in the queue (a job re-run after a stall included).
    const drained = async () => {
      const c = await producer.queue.getJobCounts('waiting', 'active', 'delayed');
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
    };
    await until(
      'every submission to finish',
      async () => (await finished()) === TOTAL && (await drained()),
      200_000,
      500,
    );
    const seconds = (Date.now() - started) / 1000;

    const states = await w.renderStates(ids);
    const ready = ids.filter((id) => states.get(id)!.state === 'ready');
    const failed = ids.filter((id) => states.get(id)!.state === 'failed');
    expect(ready).toHaveLength(TOTAL - TOTAL / 20);
    expect(failed).toEqual(ids.filter((_, i) => isBroken(i)));
    for (const id of failed) expect(states.get(id)!.error).toMatch(/^compile error: Image:3: .*oops/);

    const { rows } = await w.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM renders WHERE shader_id = ANY($1) AND kind = 'thumbnail'`,
      [ids],
    );
    expect(rows[0]!.n).toBe(ready.length);
    const counts = await producer.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: TOTAL / 20 });
    expect(counts.completed).toBe(ready.length);
    console.log(
      `1,000 submissions finished in ${seconds.toFixed(1)} s (${(TOTAL / seconds).toFixed(1)} renders/s)`,
    );
  }, 300_000);
});
