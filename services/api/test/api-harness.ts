import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger, createMetrics } from '@fractafrag/core';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { createApiApp } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import type { RateLimitRules } from '../src/http/rate-limit.ts';
import { adminQueuesFor } from '../src/queue/admin-queues.ts';
import { createRenderQueue, type RenderQueue } from '../src/queue/render-queue.ts';
import { apiSettings } from '../src/settings.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The JWT_SECRET the harness signs access tokens with. */
export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

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
export interface ApiHarnessOptions {
  /** Rate limits are off in tests unless a file sets its own (small) rules. */
  rateLimits?: RateLimitRules;
  rendererUrl?: string;
  /** The worker's HTTP app (semantic search); by default a port where nothing listens. */
  workerUrl?: string;
  /** The anonymous micro-cache is off in tests unless a file turns it on. */
  listCacheScale?: number;
  /** Where the API's JSON log lines go, at level trace (a file that reads them); silent by default. */
  logDestination?: Parameters<typeof createLogger>[2];
}

export async function startApi(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const renderQueue = createRenderQueue(redis, `test-${randomBytes(4).toString('hex')}`);
  const app = createApiApp({
    pool: db.pool,
    redis,
    renderQueue,
    tokens: createTokenService(TEST_JWT_SECRET),
    logger: options.logDestination
      ? createLogger('api-test', 'trace', options.logDestination)
      : createLogger('api-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    metrics: createMetrics('api-test'),
    lifecycle: { draining: false },
    settings: {
      ...apiSettings({
        NODE_ENV: 'test',
        PUBLIC_URL: 'http://localhost:8080',
        RENDERS_PUBLIC_PATH: '/renders',
        RENDERER_URL: options.rendererUrl ?? 'http://127.0.0.1:9',
        WORKER_URL: options.workerUrl ?? 'http://127.0.0.1:9',
        CORS_ORIGINS: 'https://allowed.example',
        RATE_LIMITS_ENABLED: options.rateLimits !== undefined,
        REFRESH_TOKEN_TTL_DAYS: 30,
        COOKIE_SECURE: 'false',
      }),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      rateLimitKeyPrefix: `test-rl-${randomBytes(4).toString('hex')}`,
      listCacheScale: options.listCacheScale ?? 0,
    },
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
      // Every queue of this file's prefix (render, and the taste/embed jobs the API enqueued).
      for (const queue of Object.values(adminQueuesFor({ renderQueue })))
        await queue.obliterate({ force: true });
      await renderQueue.close();
      redis.disconnect();
      await db.drop();
    },
  };
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

/** Registers a user through the API; a role other than 'user' is granted in the database, then re-logged in. */
export async function createUser(
  api: ApiHarness,
  username: string,
  role: 'user' | 'moderator' | 'admin' = 'user',
): Promise<TestUser> {
  const password = 'correct-horse-battery';
  const reg = await api.request<{ accessToken: string; user: { id: string } }>(
    'POST',
    '/api/v1/auth/register',
    {
      body: { username, email: `${username.toLowerCase()}@example.com`, password },
    },
  );
  if (reg.status !== 201) throw new Error(`register ${username} failed: ${reg.status}`);
  if (role === 'user') return { id: reg.body.user.id, username, token: reg.body.accessToken };
  await api.db.pool.query('UPDATE users SET role = $2 WHERE id = $1', [reg.body.user.id, role]);
  const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
    body: { login: username, password },
  });
  return { id: reg.body.user.id, username, token: login.body.accessToken };
}
