/**
 * Pipeline benchmark (not part of the test run):   pnpm bench:pipeline
 *
 * On an idle native stack (scripts/native/stack.ts on a fresh bench database, everything through
 * nginx), submits typical shaders and measures submit → thumbnail served by nginx (POST
 * /api/v1/shaders, the worker's render job, the renderer, the artifact write, GET /renders/…), one
 * at a time for latency and all at once for queue throughput. Baseline, measured in the same run:
 * the renderer alone (POST /render on the renderer's port with the worker's exact request, one at
 * a time, then as many at once as the worker runs). Goal: pipeline p50 ≤ 1.5 s.
 *
 *   BENCH_LATENCY_N (30)  BENCH_THROUGHPUT_N (60)  BENCH_KEEP_STACK=1 leaves the stack running
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { RENDER_KIND_DEFAULTS } from '@fractafrag/contracts';
import { nativePort } from '@fractafrag/core/topology';
import { acquireStackLock } from '../tests/e2e/stack-lock.ts';
import { waitForIdleSeed } from './stack/idle-seed.ts';
import { typicalShader } from './pipeline/typical-shaders.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const LATENCY_N = Number(process.env.BENCH_LATENCY_N ?? 30);
const THROUGHPUT_N = Number(process.env.BENCH_THROUGHPUT_N ?? 60);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
const DATABASE = 'fractafrag_bench_pipeline';
const DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${DATABASE}`);
const BASE = `http://localhost:${process.env.NGINX_PORT ?? nativePort('nginx')}`;
const RENDERER = `http://127.0.0.1:${nativePort('renderer')}`;
/** The worker's render concurrency on the stack (RENDER_CONCURRENCY, default 2). */
const WORKER_CONCURRENCY = Number(process.env.RENDER_CONCURRENCY ?? 2);
/** The renderer's default pool: one page per core. */
const RENDERER_POOL = os.availableParallelism();
const POLL_MS = 10;

function stack(command: 'up' | 'down'): void {
  const result = spawnSync(process.execPath, ['scripts/native/stack.ts', command], {
    cwd: ROOT,
    stdio: 'inherit',
    // Rate limits off: the benchmark publishes more shaders per hour than one user may.
    env: { ...process.env, DATABASE_URL, NODE_ENV: 'development', RATE_LIMITS_ENABLED: 'false' },
  });
  if (result.status !== 0) throw new Error(`native stack ${command} failed (exit ${result.status})`);
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = POLL_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function api<T>(method: string, urlPath: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${urlPath}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface ShaderState {
  id: string;
  renderState: 'queued' | 'rendering' | 'ready' | 'failed';
  renderError: string | null;
  thumbnailUrl: string | null;
}

/** Submit → thumbnail served by nginx, in ms. */
async function submitAndFetch(token: string, i: number): Promise<number> {
  const started = performance.now();
  const created = await api<ShaderState>('POST', '/api/v1/shaders', token, {
    title: `Bench ${i}`,
    status: 'published',
    source: { passes: [{ name: 'Image', code: typicalShader(i).code }] },
  });
  const ready = await until(
    `shader ${created.id} to render`,
    async () => {
      const s = await api<ShaderState>('GET', `/api/v1/shaders/${created.id}`);
      if (s.renderState === 'failed') throw new Error(`render failed: ${s.renderError}`);
      return s.renderState === 'ready' ? s : undefined;
    },
    60_000,
  );
  const image = await fetch(`${BASE}${ready.thumbnailUrl}`);
  if (!image.ok) throw new Error(`GET ${ready.thumbnailUrl}: ${image.status}`);
  await image.arrayBuffer();
  return performance.now() - started;
}

/**
 * Queue throughput: `n` submissions posted at once, then every thumbnail fetched through nginx.
 * Completion is watched with one SQL count (50 ms), not n API pollers that would load the stack.
 */
async function submitMany(db: pg.Client, token: string, n: number, from: number): Promise<number> {
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: n }, async (_, k) => {
      const created = await api<ShaderState>('POST', '/api/v1/shaders', token, {
        title: `Bench ${from + k}`,
        status: 'published',
        source: { passes: [{ name: 'Image', code: typicalShader(from + k).code }] },
      });
      return created.id;
    }),
  );
  const paths = await until(
    `${n} renders`,
    async () => {
      const { rows } = await db.query<{ state: string; path: string | null }>(
        'SELECT render_state::text AS state, thumbnail_path AS path FROM shaders WHERE id = ANY($1)',
        [ids],
      );
      if (rows.some((r) => r.state === 'failed')) throw new Error('a render failed');
      return rows.length === n && rows.every((r) => r.state === 'ready')
        ? rows.map((r) => r.path!)
        : undefined;
    },
    300_000,
    50,
  );
  await Promise.all(
    paths.map(async (p) => {
      const image = await fetch(`${BASE}/renders/${p}`);
      if (!image.ok) throw new Error(`GET /renders/${p}: ${image.status}`);
      await image.arrayBuffer();
    }),
  );
  return performance.now() - started;
}

/** The worker's exact request to the renderer, straight to its port: ms. */
async function renderDirect(i: number): Promise<number> {
  const started = performance.now();
  const { width, height, time } = RENDER_KIND_DEFAULTS.thumbnail;
  const res = await fetch(`${RENDERER}/render`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: { common: '', passes: [{ name: 'Image', code: typicalShader(i).code, channels: [] }] },
      width,
      height,
      time,
      format: 'webp',
    }),
  });
  if (!res.ok) throw new Error(`renderer: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

/** Runs `task(i)` for i in [from, from + n) with at most `parallel` at once; wall-clock ms. */
async function parallelRuns(
  n: number,
  from: number,
  parallel: number,
  task: (i: number) => Promise<unknown>,
) {
  const started = performance.now();
  let next = from;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < from + n) await task(next++);
    }),
  );
  return performance.now() - started;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

// The same machine-wide lock as the e2e suite: every checkout's native stack uses the same ports.
const release = await acquireStackLock(os.tmpdir());
let stackStarted = false;
try {
  stack('down');
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  rmSync(path.join(ROOT, '.run', 'redis'), { recursive: true, force: true });
  stack('up');
  stackStarted = true;

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await waitForIdleSeed(db);
  const { accessToken: token } = await api<{ accessToken: string }>(
    'POST',
    '/api/v1/auth/register',
    undefined,
    {
      username: `bench${Date.now() % 1e8}`,
      email: `bench${Date.now()}@example.com`,
      password: 'correct-horse-battery',
    },
  );

  // Warm-up (first compile paths, connection pools), not measured.
  for (let i = 0; i < 3; i++) await submitAndFetch(token, 10_000 + i);
  for (let i = 0; i < 3; i++) await renderDirect(10_000 + i);

  const pipeline: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < LATENCY_N; i++) {
    pipeline.push(await submitAndFetch(token, i));
    direct.push(await renderDirect(i));
  }
  const { rows: renderRows } = await db.query<{ ms: number }>(
    `SELECT r.render_ms AS ms FROM renders r JOIN shaders s ON s.id = r.shader_id
     WHERE s.title LIKE 'Bench %' AND s.title NOT LIKE 'Bench 1000_' ORDER BY r.created_at`,
  );
  const inBrowser = renderRows.map((r) => r.ms);

  const pipelineMs = await submitMany(db, token, THROUGHPUT_N, 20_000);
  const directMs = await parallelRuns(THROUGHPUT_N, 20_000, RENDERER_POOL, renderDirect);
  await db.end();

  const row = (name: string, v: number[]) =>
    `${name.padEnd(52)} ${String(v.length).padStart(4)} ${percentile(v, 50).toFixed(0).padStart(8)} ${percentile(v, 95).toFixed(0).padStart(8)} ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(0).padStart(8)}`;
  console.log(`\nlatency, one submission at a time on an idle stack (ms)`);
  console.log(
    `${'case'.padEnd(52)} ${'n'.padStart(4)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'mean'.padStart(8)}`,
  );
  console.log(row('submit → thumbnail served by nginx', pipeline));
  console.log(row('baseline: renderer POST /render, same shader', direct));
  console.log(row('  of which in the browser (x-render-ms, pipeline)', inBrowser));
  const p50 = percentile(pipeline, 50);
  console.log(
    `pipeline / baseline at p50: ${(p50 / percentile(direct, 50)).toFixed(2)}×, overhead ${(p50 - percentile(direct, 50)).toFixed(0)} ms; goal p50 ≤ 1500 ms: ${p50 <= 1500 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `\nthroughput, ${THROUGHPUT_N} shaders (renderer pool at its default, worker concurrency ${WORKER_CONCURRENCY})`,
  );
  console.log(`${'case'.padEnd(52)} ${'s'.padStart(8)} ${'per s'.padStart(8)}`);
  console.log(
    `${'submitted at once → every thumbnail served'.padEnd(52)} ${(pipelineMs / 1000).toFixed(1).padStart(8)} ${((THROUGHPUT_N * 1000) / pipelineMs).toFixed(2).padStart(8)}`,
  );
  console.log(
    `${`baseline: renderer direct, ${RENDERER_POOL} at a time (its pool)`.padEnd(52)} ${(directMs / 1000).toFixed(1).padStart(8)} ${((THROUGHPUT_N * 1000) / directMs).toFixed(2).padStart(8)}`,
  );
  console.log(`pipeline / baseline throughput: ${(directMs / pipelineMs).toFixed(2)}×`);
} finally {
  // Only a stack this run started is stopped (never one that another process brought up).
  if (stackStarted && process.env.BENCH_KEEP_STACK !== '1') stack('down');
  release();
}
