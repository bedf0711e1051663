import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/renderer-process.ts';
import {
  redisServer,
  renderProducer,
  SLOW,
  TRIVIAL,
  until,
  workerProcess,
  world,
  type RedisServer,
  type World,
} from '../../services/worker/test/reliability/processes.ts';
import { metricValue } from './metric-value.ts';
import { startService, status, terminateAndReadReadiness, type RunningService } from './service-process.ts';

/**
 * SIGTERM on every service, as `docker compose stop` or supervisord sends it: /ready turns 503
 * "draining" while /health stays 200, work already in flight (an HTTP request, a render job)
 * finishes, and the process exits 0 well inside its grace period.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DRAIN = { SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_GRACE_MS: '60000' };
const slowSource = { passes: [{ name: 'Image', code: SLOW, channels: [] }] };

describe('graceful shutdown', () => {
  let redis: RedisServer;
  let w: World;
  let renderer: RunningService | undefined;
  const started: RunningService[] = [];

  beforeAll(async () => {
    [redis, w] = await Promise.all([redisServer(), world()]);
    const frontendIndex = path.join(ROOT, 'services/frontend/dist/index.html');
    if (!existsSync(frontendIndex))
      execFileSync('pnpm', ['--filter', '@fractafrag/frontend', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }, 180_000);

  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) s.kill();
    await redis?.remove();
    await w?.close();
  });

  async function start(script: string, env: Record<string, string>, portVar: string) {
    const port = await freePort();
    const service = await startService(script, `http://127.0.0.1:${port}`, {
      ...DRAIN,
      [portVar]: String(port),
      ...env,
    });
    started.push(service);
    return service;
  }

  async function startRendererService() {
    return start(
      'services/renderer/src/main.ts',
      { RENDERER_POOL_SIZE: '1', RENDER_TIMEOUT_MS: '30000' },
      'RENDERER_PORT',
    );
  }

  it('renderer: finishes the render in flight, then exits 0', async () => {
    renderer = await startRendererService();
    const inFlight = fetch(`${renderer.url}/render`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: slowSource, format: 'png' }),
    });
    await until('the render to occupy the browser', async () => {
      const metrics = await (await fetch(`${renderer!.url}/metrics`)).text();
      return /^renderer_browsers_busy\{[^}]*\} 1$/m.test(metrics);
    });
    const { sentAt, ready } = await terminateAndReadReadiness(renderer);
    expect(ready).toEqual({ status: 503, body: { status: 'draining' } });
    expect(await status(`${renderer.url}/health`)).toBe(200);

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const { code, afterMs } = await renderer.exited(sentAt);
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(60_000);
  });

  it('api: answers the request in flight (a slow preview render), then exits 0', async () => {
    renderer = await startRendererService();
    const api = await start(
      'services/api/src/main.ts',
      {
        DATABASE_URL: w.db.url,
        REDIS_URL: redis.url,
        RENDERER_URL: renderer.url,
        RATE_LIMITS_ENABLED: 'false',
      },
      'API_PORT',
    );
    const reg = await fetch(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'drainer',
        email: 'drainer@example.com',
        password: 'correct-horse-battery',
      }),
    });
    expect(reg.status).toBe(201);
    const { accessToken } = (await reg.json()) as { accessToken: string };
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(
      metricValue(metrics, 'http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/auth/register',
        status: '201',
      }),
    ).toBe(1);
    expect(metricValue(metrics, 'db_pool_connections', { state: 'max' })).toBe(10);
    expect(metricValue(metrics, 'db_pool_connections', { state: 'in_use' })).toBe(0);

    const inFlight = fetch(`${api.url}/api/v1/shaders/render`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ source: slowSource }),
    });
    await until('the preview to reach the renderer', async () => {
      const metrics = await (await fetch(`${renderer!.url}/metrics`)).text();
      return /^renderer_browsers_busy\{[^}]*\} 1$/m.test(metrics);
    });
    const { sentAt, ready } = await terminateAndReadReadiness(api);
    expect(ready).toEqual({ status: 503, body: { status: 'draining' } });

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const { code } = await api.exited(sentAt);
    expect(code).toBe(0);
    renderer.child.kill('SIGTERM');
    await renderer.exited(Date.now());
  });

  it('worker: reports queue lag, outcomes and pool use; finishes the job in flight, leaves the waiting one queued, exits 0', async () => {
    renderer = await startRendererService();
    const startWorker = await workerProcess({
      databaseUrl: w.db.url,
      redisUrl: redis.url,
      rendererUrl: renderer.url,
      rendersDir: w.rendersDir,
      extra: { ...DRAIN, RENDER_TIMEOUT_MS: '30000', RENDER_CONCURRENCY: '1' },
    });
    const worker = await startWorker();
    const producer = renderProducer(redis.url);
    try {
      const [quick] = await w.insertShaders([TRIVIAL(1)]);
      await producer.enqueue([quick!]);
      await until(
        'the quick render',
        async () => (await w.renderStates([quick!.shaderId])).get(quick!.shaderId)?.state === 'ready',
      );

      const [inFlight, waiting] = await w.insertShaders([SLOW, `${SLOW}\n// second`]);
      await producer.enqueue([inFlight!]);
      await until(
        'the slow render to start',
        async () =>
          (await w.renderStates([inFlight!.shaderId])).get(inFlight!.shaderId)?.state === 'rendering',
        60_000,
        20,
      );
      await producer.enqueue([waiting!]);
      const metrics = await until('the waiting job to age', async () => {
        const text = await (await fetch(`${worker.url}/metrics`)).text();
        return (metricValue(text, 'worker_queue_oldest_job_age_seconds', { queue: 'render' }) ?? 0) > 0.2
          ? text
          : undefined;
      });
      expect(metricValue(metrics, 'worker_queue_depth', { queue: 'render', state: 'waiting' })).toBe(1);
      expect(metricValue(metrics, 'worker_queue_depth', { queue: 'render', state: 'active' })).toBe(1);
      expect(metricValue(metrics, 'worker_job_outcomes_total', { queue: 'render' })).toBe(1);
      expect(metricValue(metrics, 'worker_job_duration_seconds_count', { queue: 'render' })).toBe(1);
      expect(metricValue(metrics, 'db_pool_connections', { state: 'max' })).toBe(10);
      expect(metricValue(metrics, 'db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      expect(metricValue(metrics, 'db_pool_waiting_clients', {})).toBe(0);

      const sentAt = Date.now();
      worker.child.kill('SIGTERM');
      const ready = await until('readiness to report draining', async () => {
        const res = await fetch(`${worker.url}/ready`);
        const body = (await res.json()) as { status?: string };
        return body.status === 'draining' ? res.status : undefined;
      });
      expect(ready).toBe(503);
      const code = await new Promise<number | null>((resolve) =>
        worker.child.exitCode !== null ? resolve(worker.child.exitCode) : worker.child.once('exit', resolve),
      );
      expect(code).toBe(0);
      expect(Date.now() - sentAt).toBeLessThan(60_000);
      const states = await w.renderStates([inFlight!.shaderId, waiting!.shaderId]);
      expect(states.get(inFlight!.shaderId)).toEqual({ state: 'ready', error: null });
      // Not started, not lost: still queued in Postgres and waiting in Redis for the next worker.
      expect(states.get(waiting!.shaderId)?.state).toBe('queued');
      expect(await producer.queue.getJobCounts('waiting', 'active')).toMatchObject({ waiting: 1, active: 0 });
    } finally {
      await producer.close();
      renderer.child.kill('SIGTERM');
      await renderer.exited(Date.now());
    }
  });

  it.each([
    ['mcp', 'services/mcp/src/main.ts', 'MCP_PORT'],
    ['frontend', 'services/frontend/server/main.ts', 'FRONTEND_PORT'],
  ])('%s: reports draining, keeps serving during the delay, then exits 0', async (name, script, portVar) => {
    // The MCP server is ready only when the API it calls answers.
    const env: Record<string, string> =
      name === 'mcp'
        ? {
            API_URL: (
              await start(
                'services/api/src/main.ts',
                { DATABASE_URL: w.db.url, REDIS_URL: redis.url, RATE_LIMITS_ENABLED: 'false' },
                'API_PORT',
              )
            ).url,
          }
        : {};
    const service = await start(script, env, portVar);
    const { sentAt, ready } = await terminateAndReadReadiness(service);
    expect(ready).toEqual({ status: 503, body: { status: 'draining' } });
    expect(await status(`${service.url}/health`)).toBe(200);
    const { code, afterMs } = await service.exited(sentAt);
    expect(code).toBe(0);
    // It waited out the delay (so a load balancer saw the 503), and no longer than the grace period.
    expect(afterMs).toBeGreaterThanOrEqual(1400);
    expect(afterMs).toBeLessThan(60_000);
  });
});
