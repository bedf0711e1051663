import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger, createMetrics } from '@fractafrag/core';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { createApiApp } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import { createRenderQueue, type RenderQueue } from '../src/queue/render-queue.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ApiHarness {
  url: string;
  db: TestDatabase;
  renderQueue: RenderQueue;
  request<T = unknown>(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string; raw?: string },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

/** The real API app on a fresh cloned database and the real Redis, under a per-file queue prefix. */
export async function startApi(): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const renderQueue = createRenderQueue(redis, `test-${randomBytes(4).toString('hex')}`);
  const app = createApiApp({
    pool: db.pool,
    redis,
    renderQueue,
    tokens: createTokenService('test-secret-0123456789abcdef'),
    logger: createLogger('api-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    metrics: createMetrics('api-test'),
    lifecycle: { draining: false },
    rendersPublicPath: '/renders',
  });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    renderQueue,
    async request(method, path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never, headers: res.headers };
    },
    async close() {
      server.close();
      await renderQueue.queue.obliterate({ force: true });
      await renderQueue.close();
      redis.disconnect();
      await db.drop();
    },
  };
}
