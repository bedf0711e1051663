/**
 * Load benchmark (not part of the test run):   pnpm bench:load
 *
 * Mixed traffic through nginx at a fixed arrival rate (open loop, latency from each request's
 * scheduled time), against the native stack on a fresh database seeded with a lived-in catalogue:
 * feed reads (trending, new with cursors, shader pages), votes, comments and shader submissions.
 * Baseline, measured in the same run at the same rate: nginx's own static /health. Also the
 * render queue: per submission 201 → thumbnail recorded, and the queue's depth over time.
 *
 *   BENCH_RATE (30 req/s)  BENCH_SECONDS (60)  BENCH_MIX (70,15,10,5: reads,votes,comments,submissions)
 *   BENCH_USERS (100)  BENCH_RATE_LIMIT_SCALE (10)  BENCH_BASELINE_SECONDS (20)  BENCH_WARMUP_SECONDS (5)
 *   BENCH_SEED_SHADERS (20000)  BENCH_DRAIN_TIMEOUT_SECONDS (600)  BENCH_KEEP_STACK=1 leaves the stack up
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { nativePort } from '@fractafrag/core/topology';
import { acquireStackLock } from '../tests/e2e/stack-lock.ts';
import { waitForIdleSeed } from './stack/idle-seed.ts';
import { seedBenchDatabase } from './api/seed.ts';
import { timedRequest } from './load/http.ts';
import { runOpenLoop } from './load/open-loop.ts';
import { thumbnailLag, watchRenderQueue } from './load/queue-watch.ts';
import { LoadRecorder } from './load/recorder.ts';
import { printQueue, printRateLimitHeadroom, printRoutes, printTotals } from './load/report.ts';
import { parseMix, TrafficMix, type LoadUser } from './load/traffic-mix.ts';

const env = process.env;
const RATE = Number(env.BENCH_RATE ?? 30);
const SECONDS = Number(env.BENCH_SECONDS ?? 60);
const MIX = parseMix(env.BENCH_MIX ?? '70,15,10,5');
const USERS = Number(env.BENCH_USERS ?? 100);
const RATE_LIMIT_SCALE = Number(env.BENCH_RATE_LIMIT_SCALE ?? 10);
const BASELINE_SECONDS = Number(env.BENCH_BASELINE_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 5);
const SEED = { users: 2_000, shaders: Number(env.BENCH_SEED_SHADERS ?? 20_000), votesPerUser: 20 };
const DRAIN_TIMEOUT_MS = Number(env.BENCH_DRAIN_TIMEOUT_SECONDS ?? 600) * 1000;
/** A light /health probe alongside the mix: is slowness the API's, or the whole machine's? */
const PROBE_RATE = 2;
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
const DATABASE = 'fractafrag_bench_load';
const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = `http://localhost:${env.NGINX_PORT ?? nativePort('nginx')}`;
const METRICS = `http://127.0.0.1:${nativePort('worker')}/metrics`;

// Registration is limited per IP (20 per 15 min, scaled), and every bench user registers from here.
if (USERS > 20 * RATE_LIMIT_SCALE)
  throw new Error(`BENCH_USERS ${USERS} cannot register from one IP at RATE_LIMIT_SCALE ${RATE_LIMIT_SCALE}`);

function stack(command: 'up' | 'down', databaseUrl: string): void {
  const result = spawnSync(process.execPath, ['scripts/native/stack.ts', command], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      // Production: no response-schema checks (a development-only cost), a private JWT secret.
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      RATE_LIMIT_SCALE: String(RATE_LIMIT_SCALE),
    },
  });
  if (result.status !== 0) throw new Error(`native stack ${command} failed (exit ${result.status})`);
}

async function registerUsers(n: number): Promise<LoadUser[]> {
  const users: LoadUser[] = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${BASE}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `load_${run}_${i}`,
        email: `load_${run}_${i}@example.com`,
        password: 'correct-horse-battery',
      }),
    });
    if (res.status !== 201) throw new Error(`register user ${i}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; user: { id: string } };
    users.push({ id: body.user.id, token: body.accessToken });
  }
  return users;
}

const healthOnly = (recorder: LoadRecorder, route: string) => (_i: number, dueAt: number) =>
  timedRequest(BASE, recorder, { route, method: 'GET', path: '/health', dueAt }).then(() => undefined);

console.log(
  `load: seeding ${SEED.users} users, ${SEED.shaders} shaders, ${SEED.users * SEED.votesPerUser} votes into ${DATABASE}`,
);
const databaseUrl = await seedBenchDatabase(ADMIN_URL, DATABASE, SEED);
// The same machine-wide lock as the e2e suite: every checkout's native stack uses the same ports.
const release = await acquireStackLock(os.tmpdir());
let stackStarted = false;
try {
  stack('down', databaseUrl);
  rmSync(path.join(ROOT, '.run', 'redis'), { recursive: true, force: true });
  stack('up', databaseUrl);
  stackStarted = true;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await waitForIdleSeed(db);
  const users = await registerUsers(USERS);
  const { rows: pool } = await db.query<{ id: string }>(
    `SELECT id FROM shaders WHERE status = 'published' AND visibility = 'public' AND deleted_at IS NULL
     ORDER BY random() LIMIT 2000`,
  );
  const shaderIds = pool.map((r) => r.id);

  // Warm-up (JIT, connection pools, nginx keepalive): reads, votes and comments, not measured.
  const warmup = new TrafficMix(BASE, users, shaderIds, { ...MIX, submissions: 0 }, 2);
  const scratch = new LoadRecorder();
  await runOpenLoop(RATE, WARMUP_SECONDS * 1000, (i, dueAt) => warmup.fire(i, dueAt, scratch));

  const baseline = new LoadRecorder();
  const baselineRun = await runOpenLoop(RATE, BASELINE_SECONDS * 1000, healthOnly(baseline, 'health'));

  const mix = new TrafficMix(BASE, users, shaderIds, MIX);
  const recorder = new LoadRecorder();
  const probe = new LoadRecorder();
  const queue = watchRenderQueue(METRICS, 1000);
  const [run] = await Promise.all([
    runOpenLoop(RATE, SECONDS * 1000, (i, dueAt) => mix.fire(i, dueAt, recorder)),
    runOpenLoop(PROBE_RATE, SECONDS * 1000, healthOnly(probe, 'probe')),
  ]);
  const trafficEndedAt = Date.now();
  const lag = await thumbnailLag(db, mix.submissions, trafficEndedAt, DRAIN_TIMEOUT_MS);
  const samples = await queue.stop();
  await db.end();

  const [load1, load5] = os.loadavg();
  console.log(
    `\nload bench: ${RATE} req/s for ${SECONDS} s through nginx (${BASE}), open loop; mix reads/votes/comments/submissions ` +
      `${MIX.reads}/${MIX.votes}/${MIX.comments}/${MIX.submissions}; ${USERS} users; stack NODE_ENV=production, ` +
      `rate limits on with RATE_LIMIT_SCALE=${RATE_LIMIT_SCALE}, worker RENDER_CONCURRENCY ${env.RENDER_CONCURRENCY ?? 2}, ` +
      `RENDER_EXTRA_ARTIFACTS ${env.RENDER_EXTRA_ARTIFACTS ?? 'true'}; database ${SEED.shaders} shaders; ` +
      `${os.availableParallelism()} cores, load average ${load1!.toFixed(1)}/${load5!.toFixed(1)} (1/5 min)`,
  );
  console.log(
    `baseline: ${baselineRun.sent} × GET /health at ${RATE}/s for ${BASELINE_SECONDS} s before the mix (p50/base = route p50 ÷ its p50)`,
  );
  printRoutes(recorder, baseline.total(), probe.total());
  printTotals(recorder, run, RATE);
  printQueue(lag, mix.submissions.length, samples, {
    seconds: SECONDS,
    submissionShare: MIX.submissions / (MIX.reads + MIX.votes + MIX.comments + MIX.submissions),
  });
  printRateLimitHeadroom(mix.identityCounts, mix.limits, SECONDS, RATE_LIMIT_SCALE);
} finally {
  // Only a stack this run started is stopped (never one that another process brought up).
  if (stackStarted && env.BENCH_KEEP_STACK !== '1') stack('down', databaseUrl);
  release();
}
