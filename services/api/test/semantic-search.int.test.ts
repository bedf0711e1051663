import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SemanticSearchResult } from '@fractafrag/contracts';
import { freePort } from '../../../tests/support/renderer-process.ts';
import { redisServer, until, type RedisServer } from '../../worker/test/reliability/processes.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

/**
 * The real worker process (`node services/worker/src/main.ts`, the sentence encoder loaded) on the
 * test database and a redis-server of its own (its queues use the fixed BullMQ prefix, so they must
 * not share the developer's Redis). It embeds the seed shaders, as in production, and answers the
 * API's POST /embed/text.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('GET /api/v1/shaders/semantic (search by meaning)', () => {
  let api: ApiHarness;
  let redis: RedisServer;
  let worker: ChildProcess;
  let workerUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}`;
    api = await startApi({ workerUrl });
    // Seed shaders count as rendered: this file needs their text embeddings, not renders.
    await api.db.pool.query(`UPDATE shaders SET render_state = 'ready'`);
    redis = await redisServer();
    worker = spawn(process.execPath, ['services/worker/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
        WORKER_PORT: String(port),
        DATABASE_URL: api.db.url,
        REDIS_URL: redis.url,
        RENDERER_URL: 'http://127.0.0.1:9',
        RENDERS_DIR: path.join(os.tmpdir(), 'fracta-renders-none'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await until(
      'the seed shaders to have text embeddings',
      async () => {
        if (worker.exitCode !== null) throw new Error(`the worker exited with ${worker.exitCode}`);
        const { rows } = await api.db.pool.query<{ missing: number }>(
          `SELECT count(*)::int AS missing FROM shaders
           WHERE status = 'published' AND deleted_at IS NULL AND text_embedding IS NULL`,
        );
        return rows[0]!.missing === 0;
      },
      60_000,
      200,
    );
  }, 90_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await redis?.remove();
    await api?.close();
  }, 30_000);

  it('ranks a raymarched seed shader in the top 3 for a query that shares few of its words', async () => {
    const q = encodeURIComponent('raymarched 3d scene with soft shadows');
    const res = await api.request<SemanticSearchResult>('GET', `/api/v1/shaders/semantic?q=${q}&limit=5`);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('semantic');
    expect(res.body.items).toHaveLength(5);
    const top3 = res.body.items.slice(0, 3).map((s) => s.title);
    expect(top3.some((t) => t === 'Pebble Garden' || t === 'Endless Colonnade')).toBe(true);
    const similarities = res.body.items.map((s) => s.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(res.body.items[0]!.author.username).toBeTruthy();
  });

  it("the worker's POST /embed/text answers 256 unit-length numbers, and 422 for empty text", async () => {
    const post = (body: unknown) =>
      fetch(`${workerUrl}/embed/text`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await post({ text: 'neon tunnel' });
    expect(ok.status).toBe(200);
    const { vector } = (await ok.json()) as { vector: number[] };
    expect(vector).toHaveLength(256);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    const empty = await post({ text: '  ' });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('never returns unlisted shaders', async () => {
    await api.db.pool.query(`UPDATE shaders SET visibility = 'unlisted' WHERE title = 'Pebble Garden'`);
    try {
      const q = encodeURIComponent('sphere-traced signed distance scene with smooth unions');
      const res = await api.request<SemanticSearchResult>('GET', `/api/v1/shaders/semantic?q=${q}&limit=50`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((s) => s.title)).not.toContain('Pebble Garden');
    } finally {
      await api.db.pool.query(`UPDATE shaders SET visibility = 'public' WHERE title = 'Pebble Garden'`);
    }
  });

  it('answers 422 for an empty q, a missing q and a limit over 50', async () => {
    for (const query of ['q=', 'q=%20%20', '', 'q=tunnel&limit=51']) {
      const res = await api.request<{ error: { code: string; details: { path: string }[] } }>(
        'GET',
        `/api/v1/shaders/semantic?${query}`,
      );
      expect(res.status, query).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('answers 503 with a message naming the fallback when the worker is down', async () => {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
    const res = await api.request<{ error: { code: string; message: string } }>(
      'GET',
      '/api/v1/shaders/semantic?q=neon%20tunnel',
    );
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(res.body.error.message).toMatch(/semantic search is unavailable/i);
    expect(res.body.error.message).toContain('/api/v1/shaders?q=');
  });
});
