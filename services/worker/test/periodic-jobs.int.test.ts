import { randomBytes } from 'node:crypto';
import { QueueEvents, type Job, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, QUEUES, jobOptions, tasteJobFor } from '@fractafrag/contracts';
import { createLogger } from '@fractafrag/core';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { hotScore } from '@fractafrag/ranking';
import { processDesireJob } from '../src/desire.worker.ts';
import type { JobHandlers } from '../src/job-handlers.ts';
import { ensureSchedules, openQueues, startQueueWorkers, type QueueMap } from '../src/queue-workers.ts';
import { processScoreJob } from '../src/score.worker.ts';
import { processTasteJob } from '../src/taste.worker.ts';
import { createWorkerMetrics } from '../src/worker.metrics.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SYSTEM_USER = '00000000-0000-4000-8000-000000000001';

describe('periodic and per-user jobs: score, taste, desire', () => {
  let db: TestDatabase;
  let connection: Redis;
  let queues: QueueMap;
  let events: Record<'score' | 'taste' | 'desire', QueueEvents>;
  let workers: Worker[];
  let dims: number;
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const logger = createLogger('worker-test', 'silent');

  async function run(name: 'score' | 'taste' | 'desire', data: unknown, jobId?: string): Promise<Job> {
    const job = await queues[name].add(name, data, { ...jobOptions(QUEUES[name]), attempts: 1, jobId });
    await job.waitUntilFinished(events[name], 30_000).catch(() => undefined);
    return (await queues[name].getJob(job.id!))!;
  }

  async function user(name: string, points = 100): Promise<string> {
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO users (username, email, password_hash, points) VALUES ($1, $2, 'x', $3) RETURNING id`,
      [name, `${name}@example.com`, points],
    );
    return rows[0]!.id;
  }

  /** A published shader whose text embedding is the unit vector along `axis`. */
  async function shader(opts: { axis?: number; publishedHoursAgo?: number; hot?: number } = {}) {
    const embedding = opts.axis === undefined ? null : unitVector(opts.axis);
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO shaders (author_id, title, status, published_at, hot_score, render_state, text_embedding, vote_up)
       VALUES ($1, 'periodic', 'published', now() - make_interval(secs => $2::float8 * 3600), $3, 'ready', $4::vector, 3)
       RETURNING id`,
      [SYSTEM_USER, opts.publishedHoursAgo ?? 1, opts.hot ?? 0, embedding && `[${embedding.join(',')}]`],
    );
    return rows[0]!.id;
  }

  const unitVector = (axis: number) => Array.from({ length: dims }, (_, i) => (i === axis ? 1 : 0));

  async function tasteOf(userId: string): Promise<number[] | null> {
    const { rows } = await db.pool.query<{ taste: string | null }>(
      'SELECT taste_vector::text AS taste FROM users WHERE id = $1',
      [userId],
    );
    return rows[0]!.taste ? (JSON.parse(rows[0]!.taste) as number[]) : null;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const { rows } = await db.pool.query<{ type: string }>(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = 'shaders'::regclass AND attname = 'text_embedding'`,
    );
    dims = Number(/vector\((\d+)\)/.exec(rows[0]!.type)![1]);
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queues = openQueues(connection, prefix);
    events = {
      score: new QueueEvents('score', { connection: connection.duplicate(), prefix }),
      taste: new QueueEvents('taste', { connection: connection.duplicate(), prefix }),
      desire: new QueueEvents('desire', { connection: connection.duplicate(), prefix }),
    };
    await Promise.all(Object.values(events).map((e) => e.waitUntilReady()));
    const unused = () => Promise.reject(new Error('not under test'));
    const deps = { pool: db.pool, logger };
    const handlers: JobHandlers = {
      render: unused,
      embed: unused,
      score: (job) => processScoreJob(deps, job),
      taste: (job) => processTasteJob(deps, job),
      desire: (job) => processDesireJob(deps, job),
    };
    workers = startQueueWorkers(handlers, {
      connection,
      prefix,
      concurrency: { render: 1, embed: 1, score: 1, taste: 1, desire: 1 },
      stalledIntervalMs: 30_000,
      logger,
      metrics: createWorkerMetrics(new Registry()),
    });
  });

  afterAll(async () => {
    await Promise.all((workers ?? []).map((w) => w.close()));
    await Promise.all(Object.values(events ?? {}).map((e) => e.close()));
    for (const name of QUEUE_NAMES) {
      await queues?.[name].obliterate({ force: true });
      await queues?.[name].close();
    }
    connection?.disconnect();
    await db?.drop();
  });

  it('schedules the score refresh and desire upkeep once, however many workers start', async () => {
    expect(await ensureSchedules(queues)).toEqual(['score-refresh', 'desire-upkeep']);
    expect(await ensureSchedules(queues)).toEqual(['score-refresh', 'desire-upkeep']);
    const score = await queues.score.getJobSchedulers();
    const desire = await queues.desire.getJobSchedulers();
    expect(score.map((s) => [s.key, s.every])).toEqual([['score-refresh', 600_000]]);
    expect(desire.map((s) => [s.key, s.every])).toEqual([['desire-upkeep', 600_000]]);
    await queues.score.removeJobScheduler('score-refresh');
    await queues.desire.removeJobScheduler('desire-upkeep');
  });

  it('score: decays the hot score of shaders nobody touched, in batches', async () => {
    const old = await shader({ publishedHoursAgo: 96, hot: 5 });
    const fresh = await shader({ publishedHoursAgo: 1, hot: 5 });
    const job = await run('score', { batch: 2 });
    expect(await job.getState()).toBe('completed');
    const refreshed = job.returnvalue as { scanned: number; updated: number };
    expect(refreshed.scanned).toBeGreaterThanOrEqual(2);
    expect(refreshed.updated).toBeGreaterThanOrEqual(2);
    const { rows } = await db.pool.query<{ id: string; hot_score: number; published_at: Date }>(
      'SELECT id, hot_score, published_at FROM shaders WHERE id = ANY($1)',
      [[old, fresh]],
    );
    const now = new Date();
    for (const row of rows) {
      const expected = hotScore({
        up: 3,
        down: 0,
        replays: 0,
        dwellMs: 0,
        views: 0,
        publishedAt: row.published_at,
        now,
      });
      expect(row.hot_score).toBeCloseTo(expected, 3);
    }
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.hot_score]));
    expect(byId[old]!).toBeLessThan(byId[fresh]! / 3);
  });

  it('fails a job whose payload does not parse for good, on the first attempt', async () => {
    const job = await run('score', { batch: 'lots' });
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(/invalid score payload/);
    expect(job.attemptsMade).toBe(1);
  });

  it('taste: points the taste vector at liked shaders and away from disliked ones', async () => {
    const viewer = await user('tastefan');
    const liked = await shader({ axis: 0 });
    const disliked = await shader({ axis: 1 });
    const replayed = await shader({ axis: 2 });
    const glanced = await shader({ axis: 3 });
    await db.pool.query(`INSERT INTO votes (user_id, shader_id, value) VALUES ($1, $2, 1), ($1, $3, -1)`, [
      viewer,
      liked,
      disliked,
    ]);
    await db.pool.query(
      `INSERT INTO engagement_events (shader_id, user_id, kind, dwell_ms) VALUES
         ($2, $1, 'replay', NULL), ($3, $1, 'dwell', 2000), ($3, $1, 'view', NULL)`,
      [viewer, replayed, glanced],
    );
    const { payload, jobId } = tasteJobFor(viewer);
    const job = await run('taste', payload, jobId);
    expect(job.returnvalue).toBe('taste-updated');
    const taste = (await tasteOf(viewer))!;
    expect(taste).toHaveLength(dims);
    // Σ w·e = (1, −1, 0.5, 0) over the four axes, normalised by its length 1.5.
    expect(taste[0]).toBeCloseTo(1 / 1.5, 5);
    expect(taste[1]).toBeCloseTo(-1 / 1.5, 5);
    expect(taste[2]).toBeCloseTo(0.5 / 1.5, 5);
    expect(taste[3]).toBeCloseTo(0, 5);
    const { rows } = await db.pool.query<{ taste_updated_at: Date | null }>(
      'SELECT taste_updated_at FROM users WHERE id = $1',
      [viewer],
    );
    expect(rows[0]!.taste_updated_at).not.toBeNull();
  });

  it('taste: clears the vector when only dislikes are left (cold start again)', async () => {
    const viewer = await user('grumpy');
    const liked = await shader({ axis: 4 });
    const disliked = await shader({ axis: 5 });
    await db.pool.query(`INSERT INTO votes (user_id, shader_id, value) VALUES ($1, $2, 1), ($1, $3, -1)`, [
      viewer,
      liked,
      disliked,
    ]);
    expect((await run('taste', tasteJobFor(viewer).payload)).returnvalue).toBe('taste-updated');
    expect(await tasteOf(viewer)).not.toBeNull();
    await db.pool.query('DELETE FROM votes WHERE user_id = $1 AND value = 1', [viewer]);
    const { payload } = tasteJobFor(viewer, Date.now() + 60_000);
    expect((await run('taste', payload)).returnvalue).toBe('taste-cleared');
    expect(await tasteOf(viewer)).toBeNull();
  });

  it('desire: expires open desires past their date and refunds every tip, leaving the rest alone', async () => {
    const author = await user('requester');
    const tipperA = await user('tipper_a', 100);
    const tipperB = await user('tipper_b', 100);
    const insert = async (status: string, expiresIn: string) => {
      const { rows } = await db.pool.query<{ id: string }>(
        `INSERT INTO desires (author_id, prompt, status, expires_at, heat, fulfilled_by, tip_total)
         VALUES ($1, 'neon rain please', $2::desire_status, now() + $3::interval, 999,
                 CASE WHEN $2 = 'fulfilled' THEN (SELECT id FROM shaders LIMIT 1) END, 0)
         RETURNING id`,
        [author, status, expiresIn],
      );
      return rows[0]!.id;
    };
    const stale = await insert('open', '-1 day');
    const live = await insert('open', '30 days');
    const closed = await insert('closed', '-2 days');
    const fulfilled = await insert('fulfilled', '-3 days');
    // Tips were debited when given: 100 → 70 and 100 → 90.
    await db.pool.query(`UPDATE users SET points = points - 30 WHERE id = $1`, [tipperA]);
    await db.pool.query(`UPDATE users SET points = points - 10 WHERE id = $1`, [tipperB]);
    await db.pool.query(
      `INSERT INTO bounty_tips (desire_id, user_id, points) VALUES ($1, $2, 20), ($1, $2, 10), ($1, $3, 10)`,
      [stale, tipperA, tipperB],
    );

    const job = await run('desire', QUEUES.desire.schedule!.payload);
    expect(await job.getState()).toBe('completed');
    const upkeep = job.returnvalue as { expired: number; refundedPoints: number; heatRefreshed: number };
    expect(upkeep).toMatchObject({ expired: 1, refundedPoints: 40 });
    expect(upkeep.heatRefreshed).toBeGreaterThanOrEqual(1);

    const { rows } = await db.pool.query<{ id: string; status: string; heat: number }>(
      'SELECT id, status, heat FROM desires WHERE id = ANY($1)',
      [[stale, live, closed, fulfilled]],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[stale]!.status).toBe('expired');
    expect(byId[live]!.status).toBe('open');
    expect(byId[closed]!.status).toBe('closed');
    expect(byId[fulfilled]!.status).toBe('fulfilled');
    // Heat decay recomputed the open desire's heat from its inputs (a fresh desire: about 1).
    expect(byId[live]!.heat).toBeLessThan(2);
    const points = await db.pool.query<{ id: string; points: number }>(
      'SELECT id, points FROM users WHERE id = ANY($1)',
      [[tipperA, tipperB]],
    );
    expect(Object.fromEntries(points.rows.map((r) => [r.id, r.points]))).toEqual({
      [tipperA]: 100,
      [tipperB]: 100,
    });

    // Running again refunds nothing twice.
    const again = await run('desire', { tasks: ['expire'] });
    expect(again.returnvalue).toEqual({ expired: 0, refundedPoints: 0, heatRefreshed: null });
  });
});
