import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QUEUES,
  QUEUE_NAMES,
  jobOptions,
  type DashboardLink,
  type FailedJobsPage,
  type RetryFailedResult,
} from '@fractafrag/contracts';
import { startApi, TEST_REDIS_URL, type ApiHarness, type TestUser } from './api-harness.ts';
import { quickUser, readOnlyApiKey, seedShader } from './social-fixtures.ts';

interface ErrorReply {
  error: { code: string; message: string };
}

/** Polls until check() holds; never a blind sleep. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('admin: dead letters, retries and the queue dashboard', () => {
  let api: ApiHarness;
  let admin: TestUser;
  let user: TestUser;
  let moderator: TestUser;
  let connection: Redis;
  let queues: Record<string, Queue>;

  /** Two render jobs that fail for good, through a real BullMQ worker. */
  async function failRenderJobs(ids: string[]): Promise<void> {
    const before = await queues.render!.getFailedCount();
    const redisUrl = new URL(TEST_REDIS_URL);
    const worker = new Worker(
      QUEUES.render.name,
      (job) =>
        Promise.reject(
          new UnrecoverableError(`compile error: Image:3: '${String(job.id)}' : undeclared identifier`),
        ),
      // Its own connection, so closing the worker cannot cut the test's shared one.
      {
        connection: { host: redisUrl.hostname, port: Number(redisUrl.port), maxRetriesPerRequest: null },
        prefix: api.renderQueue.queue.opts.prefix,
      },
    );
    for (const id of ids) {
      const payload = { shaderId: id, version: 1, codeHash: 'deadbeefdeadbeef' };
      await queues.render!.add('render', payload, {
        ...jobOptions(QUEUES.render),
        jobId: QUEUES.render.jobId(payload),
      });
    }
    await until('jobs to fail', async () => (await queues.render!.getFailedCount()) >= before + ids.length);
    await worker.close();
  }

  beforeAll(async () => {
    api = await startApi();
    connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const prefix = api.renderQueue.queue.opts.prefix;
    queues = Object.fromEntries(QUEUE_NAMES.map((n) => [n, new Queue(n, { connection, prefix })]));
    admin = await quickUser(api, 'queueadmin', 'admin');
    user = await quickUser(api, 'plainuser');
    moderator = await quickUser(api, 'justamod', 'moderator');
  });

  afterAll(async () => {
    for (const queue of Object.values(queues ?? {})) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    connection?.disconnect();
    await api?.close();
  });

  it('lists every queue with its job counts, for admins only', async () => {
    const res = await api.request<{ items: { name: string; counts: Record<string, number> }[] }>(
      'GET',
      '/api/v1/admin/queues',
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((q) => q.name)).toEqual(['render', 'embed', 'score', 'taste', 'desire']);
    expect(res.body.items[0]!.counts).toMatchObject({ waiting: 0, prioritized: 0, failed: 0 });
    expect((await api.request('GET', '/api/v1/admin/queues')).status).toBe(401);
    expect((await api.request('GET', '/api/v1/admin/queues', { token: user.token })).status).toBe(403);
    expect((await api.request('GET', '/api/v1/admin/queues', { token: moderator.token })).status).toBe(403);
  });

  it('keeps failed render jobs as dead letters and lists them with reason, payload and attempts', async () => {
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    await failRenderJobs(ids);
    const res = await api.request<FailedJobsPage>('GET', '/api/v1/admin/queues/render/failed?limit=10', {
      token: admin.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((j) => (j.data as { shaderId: string }).shaderId).sort()).toEqual(ids);
    const first = res.body.items[0]!;
    expect(first.failedReason).toMatch(/^compile error: Image:3:/);
    expect(first).toMatchObject({ name: 'render', attemptsMade: 1, attempts: 5 });
    expect(first.failedAt).not.toBeNull();

    const page = await api.request<FailedJobsPage>(
      'GET',
      '/api/v1/admin/queues/render/failed?offset=1&limit=1',
      { token: admin.token },
    );
    expect(page.body).toMatchObject({ total: 2, offset: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('rejects an unknown queue with 404, bad paging with 422 and non-admins with 401/403', async () => {
    const unknown = await api.request<ErrorReply>('GET', '/api/v1/admin/queues/nope/failed', {
      token: admin.token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/render, embed, score, taste, desire/);
    expect(
      (await api.request('GET', '/api/v1/admin/queues/render/failed?limit=1000', { token: admin.token }))
        .status,
    ).toBe(422);
    expect((await api.request('GET', '/api/v1/admin/queues/render/failed')).status).toBe(401);
    expect(
      (await api.request('GET', '/api/v1/admin/queues/render/failed', { token: user.token })).status,
    ).toBe(403);
  });

  it('retries one failed job with fresh attempts; 404 for an unknown job, 409 for one not failed', async () => {
    const page = await api.request<FailedJobsPage>('GET', '/api/v1/admin/queues/render/failed', {
      token: admin.token,
    });
    const jobId = page.body.items[0]!.id;
    const res = await api.request<RetryFailedResult>('POST', '/api/v1/admin/queues/render/retry', {
      token: admin.token,
      body: { jobId },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ queue: 'render', retried: 1, jobIds: [jobId] });
    const job = (await queues.render!.getJob(jobId))!;
    expect(await job.getState()).toBe('waiting');
    expect(job.attemptsMade).toBe(0);

    const again = await api.request<ErrorReply>('POST', '/api/v1/admin/queues/render/retry', {
      token: admin.token,
      body: { jobId },
    });
    expect(again.status).toBe(409);
    const missing = await api.request('POST', '/api/v1/admin/queues/render/retry', {
      token: admin.token,
      body: { jobId: 'render-no-such-job' },
    });
    expect(missing.status).toBe(404);
  });

  it('retries every failed job of a queue at once', async () => {
    await queues.render!.drain();
    await failRenderJobs(['33333333-3333-4333-8333-333333333333']);
    const failed = await queues.render!.getFailedCount();
    expect(failed).toBeGreaterThanOrEqual(2);
    const res = await api.request<RetryFailedResult>('POST', '/api/v1/admin/queues/render/retry', {
      token: admin.token,
      body: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.retried).toBe(failed);
    expect(await queues.render!.getFailedCount()).toBe(0);
    expect(await queues.render!.getWaitingCount()).toBe(failed);
  });

  it('refuses retries to a read-only API key and to non-admins', async () => {
    const key = await readOnlyApiKey(api, admin.id);
    const res = await fetch(`${api.url}/api/v1/admin/queues/render/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    const other = await api.request('POST', '/api/v1/admin/queues/render/retry', {
      token: user.token,
      body: {},
    });
    expect(other.status).toBe(403);
  });

  it('opens the dashboard with an admin bearer token and refuses anonymous and non-admin callers', async () => {
    const anonymous = await fetch(`${api.url}/api/admin/queues/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as ErrorReply).error.message).toMatch(/dashboard-link/);
    const plain = await fetch(`${api.url}/api/admin/queues/`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(plain.status).toBe(403);
    const page = await fetch(`${api.url}/api/admin/queues/`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const data = await fetch(`${api.url}/api/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(data.status).toBe(200);
    const body = (await data.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it('opens the dashboard in a browser through a one-time link that sets a session cookie', async () => {
    const link = await api.request<DashboardLink>('POST', '/api/v1/admin/dashboard-link', {
      token: admin.token,
    });
    expect(link.status).toBe(201);
    const url = new URL(link.body.url);
    expect(url.origin).toBe('http://localhost:8080');
    expect(url.pathname).toBe('/api/admin/queues');
    expect(new Date(link.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);

    const opened = await fetch(`${api.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/api/admin/queues/');
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ff_queue_dashboard=[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Path=\/api\/admin\/queues/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;

    const page = await fetch(`${api.url}/api/admin/queues/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const data = await fetch(`${api.url}/api/admin/queues/api/queues`, { headers: { cookie } });
    expect(data.status).toBe(200);

    // The link works once.
    const reused = await fetch(`${api.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(reused.status).toBe(401);
    // A made-up session is refused; a demoted admin's session stops working.
    expect(
      (await fetch(`${api.url}/api/admin/queues/`, { headers: { cookie: 'ff_queue_dashboard=x' } })).status,
    ).toBe(401);
    await api.db.pool.query(`UPDATE users SET role = 'user' WHERE id = $1`, [admin.id]);
    try {
      expect((await fetch(`${api.url}/api/admin/queues/`, { headers: { cookie } })).status).toBe(403);
    } finally {
      await api.db.pool.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.id]);
    }
  });

  it('enqueues one debounced taste job for a burst of votes and engagement by a logged-in user', async () => {
    const author = await quickUser(api, 'tasteauthor');
    const voter = await quickUser(api, 'tastevoter');
    const a = await seedShader(api, author.id, { title: 'First' });
    const b = await seedShader(api, author.id, { title: 'Second' });
    expect(
      (await api.request('PUT', `/api/v1/shaders/${a}/vote`, { token: voter.token, body: { value: 1 } }))
        .status,
    ).toBe(200);
    expect(
      (await api.request('PUT', `/api/v1/shaders/${b}/vote`, { token: voter.token, body: { value: -1 } }))
        .status,
    ).toBe(200);
    expect(
      (await api.request('POST', `/api/v1/shaders/${a}/replay`, { token: voter.token, body: {} })).status,
    ).toBe(202);
    expect(
      (
        await api.request('POST', `/api/v1/shaders/${a}/events`, {
          token: voter.token,
          body: { kind: 'dwell', dwellMs: 30_000 },
        })
      ).status,
    ).toBe(202);
    // Anonymous events have no taste to update.
    await api.request('POST', `/api/v1/shaders/${a}/replay`, { body: { sessionId: 'anon-session-1' } });

    const tasteJobs = async () =>
      (await queues.taste!.getJobs(['delayed', 'waiting'])).filter(
        (j) => (j.data as { userId: string }).userId === voter.id,
      );
    // Enqueueing is fire-and-forget; wait until the last event's add has landed. The four events
    // normally share one debounce window; at a window boundary they may span two.
    await until('taste jobs', async () => (await tasteJobs()).length >= 1);
    const jobs = await tasteJobs();
    expect(jobs.length).toBeLessThanOrEqual(2);
    for (const job of jobs) {
      expect(job.id).toMatch(new RegExp(`^taste-${voter.id}-\\d+$`));
      expect(await job.getState()).toBe('delayed');
    }
    const all = await queues.taste!.getJobs(['delayed', 'waiting']);
    expect(all.every((j) => (j.data as { userId: string }).userId === voter.id)).toBe(true);
  });
});
