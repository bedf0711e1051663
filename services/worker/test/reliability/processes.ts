import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BULLMQ_PREFIX, QUEUES, jobOptions, type RenderJob } from '@fractafrag/contracts';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { freePort } from '../../../../tests/support/renderer-process.ts';

/**
 * The real processes the reliability tests break: a redis-server of their own (AOF on, in a temp
 * folder, so it can be killed and restarted), the renderer (real Chromium) on a fixed port (so it
 * can come back where the worker expects it), and the worker itself (`node src/main.ts`).
 * Everything waits by polling; nothing sleeps blindly.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const SYSTEM_USER = '00000000-0000-4000-8000-000000000001';

export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

export interface RedisServer {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGTERM: Redis flushes the AOF and exits, as on `docker compose restart redis`. */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** A redis-server with its own AOF folder; start() again after stop() reopens the same data. */
export async function redisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fracta-redis-'));
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--appendonly',
          'yes',
          '--appendfsync',
          'everysec',
          '--save',
          '',
          '--maxmemory-policy',
          'noeviction',
          '--dir',
          dir,
        ],
        { stdio: 'ignore' },
      );
      const probe = new Redis(server.url, {
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
      });
      probe.on('error', () => undefined);
      try {
        await until(
          'redis to answer PING',
          async () => {
            if (child!.exitCode !== null) throw new Error(`redis-server exited with ${child!.exitCode}`);
            try {
              if (probe.status !== 'ready') await probe.connect();
              return (await probe.ping()) === 'PONG';
            } catch {
              probe.disconnect();
              return false;
            }
          },
          10_000,
          50,
        );
      } finally {
        probe.disconnect();
      }
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited(child);
    },
    async remove() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** kill -9: no shutdown hooks, no lock release. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

function service(script: string, env: Record<string, string>, url: string, readyPath: string) {
  return async (): Promise<ServiceProcess> => {
    const child = spawn(process.execPath, [script], {
      cwd: ROOT,
      // Crashes and outages are the point here, so the services' own error logs are expected noise;
      // TEST_LOG_LEVEL=warn shows them.
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await until(
      `${script} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
        return httpOk(`${url}${readyPath}`);
      },
      60_000,
      100,
    );
    return {
      url,
      child,
      async kill9() {
        child.kill('SIGKILL');
        await exited(child);
      },
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited(child);
        clearTimeout(timer);
      },
    };
  };
}

/** The renderer on a fixed port, so a restarted one is found at the same RENDERER_URL. */
export function rendererOn(port: number, env: Record<string, string> = {}): () => Promise<ServiceProcess> {
  return service(
    'services/renderer/src/main.ts',
    { RENDERER_PORT: String(port), RENDERER_POOL_SIZE: '2', ...env },
    `http://127.0.0.1:${port}`,
    '/ready',
  );
}

/** Renders the renderer has finished, by outcome, from its /metrics. */
export async function renderCount(rendererUrl: string, outcome = 'ok'): Promise<number> {
  const text = await (await fetch(`${rendererUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('renderer_render_outcomes_total{') && l.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

export interface WorkerEnv {
  databaseUrl: string;
  redisUrl: string;
  rendererUrl: string;
  rendersDir: string;
  extra?: Record<string, string>;
}

/** `node services/worker/src/main.ts`, on its own port, with a short stalled-job interval. */
export async function workerProcess(env: WorkerEnv): Promise<() => Promise<ServiceProcess>> {
  const port = await freePort();
  return service(
    'services/worker/src/main.ts',
    {
      WORKER_PORT: String(port),
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      RENDERER_URL: env.rendererUrl,
      RENDERS_DIR: env.rendersDir,
      RENDER_CONCURRENCY: '2',
      // Short, so a killed worker's jobs come back within seconds; not so short that a busy CI
      // machine (Chromium on every core) misses lock renewals and stalls healthy jobs.
      WORKER_STALLED_INTERVAL_MS: '4000',
      // Thumbnails only: these tests measure job delivery, and posters/previews would triple the renders.
      RENDER_EXTRA_ARTIFACTS: 'false',
      ...env.extra,
    },
    `http://127.0.0.1:${port}`,
    '/ready',
  );
}

export const TRIVIAL = (i: number) =>
  `void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, ${(i % 100) / 100}, 1.0); }`;
export const BROKEN = (i: number) =>
  `void mainImage(out vec4 c, in vec2 p) {\n  c = vec4(1.0);\n  oops${i};\n}`;
/** About 3 s in SwiftShader at 640×360: long enough to kill a worker in the middle of it. */
export const SLOW =
  'void mainImage(out vec4 c, in vec2 p){ float a = 0.0; for (int i = 0; i < 2000; i++) { a += sin(a * 0.37 + p.x * 0.001 + p.y * 0.002 + float(i) + iTime); } c = vec4(vec3(fract(a)), 1.0); }';

export interface World {
  db: TestDatabase;
  rendersDir: string;
  /** Inserts published shaders with version 1 (render_state 'queued'), as the API would; returns jobs. */
  insertShaders(codes: string[]): Promise<RenderJob[]>;
  renderStates(ids: string[]): Promise<Map<string, { state: string; error: string | null }>>;
  close(): Promise<void>;
}

export async function world(): Promise<World> {
  const db = await createTestDatabase();
  // Only this file's shaders: the seed shaders are rendered by the e2e suite.
  await db.pool.query(`UPDATE shaders SET render_state = 'ready'`);
  const rendersDir = await mkdtemp(path.join(os.tmpdir(), 'fracta-renders-'));
  return {
    db,
    rendersDir,
    async insertShaders(codes) {
      const hashes = codes.map(() => randomBytes(16).toString('hex'));
      const { rows } = await db.pool.query<{ id: string }>(
        `INSERT INTO shaders (author_id, title, status, published_at)
         SELECT $1, 'reliability ' || n, 'published', now() FROM generate_series(1, $2) AS n RETURNING id`,
        [SYSTEM_USER, codes.length],
      );
      await db.pool.query(
        `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash)
         SELECT id, 1, jsonb_build_array(jsonb_build_object('name', 'Image', 'code', code, 'channels', '[]'::jsonb)), $1, hash
         FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(id, code, hash)`,
        [SYSTEM_USER, rows.map((r) => r.id), codes, hashes],
      );
      return rows.map((r, i) => ({ shaderId: r.id, version: 1, codeHash: hashes[i]! }));
    },
    async renderStates(ids) {
      const { rows } = await db.pool.query<{ id: string; render_state: string; render_error: string | null }>(
        'SELECT id, render_state, render_error FROM shaders WHERE id = ANY($1)',
        [ids],
      );
      return new Map(rows.map((r) => [r.id, { state: r.render_state, error: r.render_error }]));
    },
    async close() {
      await db.drop();
      await rm(rendersDir, { recursive: true, force: true });
    },
  };
}

/** The API's producer, verbatim: catalogue job id and options. */
export function renderProducer(redisUrl: string) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queue = new Queue(QUEUES.render.name, { connection, prefix: BULLMQ_PREFIX });
  queue.on('error', () => undefined);
  return {
    queue,
    async enqueue(jobs: RenderJob[]): Promise<void> {
      await queue.addBulk(
        jobs.map((data) => ({
          name: QUEUES.render.name,
          data,
          opts: { ...jobOptions(QUEUES.render), jobId: QUEUES.render.jobId(data) },
        })),
      );
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
