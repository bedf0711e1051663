import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardLink } from '@fractafrag/contracts';
import { adminQueuesFor } from '../src/queue/admin-queues.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { quickUser } from './social-fixtures.ts';

/**
 * Cookie-authenticated endpoints (the refresh cookie's /auth/refresh and /auth/logout, the queue
 * dashboard's session cookie) refuse unsafe requests that a browser marks as coming from another
 * site. PUBLIC_URL is http://localhost:8080 and CORS_ORIGINS https://allowed.example in the harness.
 */
const SITE = 'http://localhost:8080';
const CROSS_SITE = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
const SAME_ORIGIN = { origin: SITE, 'sec-fetch-site': 'same-origin' };

interface Reply {
  status: number;
  body: { error?: { code: string; message: string }; accessToken?: string };
  refresh: string | undefined;
}

describe('CSRF defence of cookie-authenticated endpoints', () => {
  let api: ApiHarness;

  async function post(path: string, headers: Record<string, string>, method = 'POST'): Promise<Reply> {
    const res = await fetch(`${api.url}${path}`, { method, headers });
    const text = await res.text();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fracta_refresh='));
    const value = cookie?.slice('fracta_refresh='.length).split(';')[0];
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as Reply['body'],
      refresh: value || undefined,
    };
  }

  /** A fresh session: its refresh cookie value. */
  async function session(username: string): Promise<string> {
    const res = await fetch(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@example.com`, password: 'correct-horse-battery' }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fracta_refresh='))!;
    return cookie.slice('fracta_refresh='.length).split(';')[0]!;
  }

  const usedTokens = async () =>
    (await api.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM refresh_tokens_used')).rows[0]!.n;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('refuses a cross-site refresh with 403 csrf_rejected and leaves the session intact', async () => {
    const refresh = await session('csrf_victim');
    const before = await usedTokens();
    const forged = await post('/api/v1/auth/refresh', { cookie: `fracta_refresh=${refresh}`, ...CROSS_SITE });
    expect(forged.status).toBe(403);
    expect(forged.body.error?.code).toBe('csrf_rejected');
    expect(forged.body.error?.message).toMatch(/cross-site/);
    expect(forged.body.error?.message).toMatch(/cookie/);
    expect(forged.refresh).toBeUndefined();
    expect(await usedTokens()).toBe(before);
    // The same cookie still works from the site itself: it was neither used nor revoked.
    const own = await post('/api/v1/auth/refresh', { cookie: `fracta_refresh=${refresh}`, ...SAME_ORIGIN });
    expect(own.status).toBe(200);
    expect(own.body.accessToken).toBeTruthy();
    expect(own.refresh).toBeTruthy();
  });

  it('refuses every cross-site shape: Sec-Fetch-Site alone, a foreign or opaque Origin alone', async () => {
    const refresh = await session('csrf_shapes');
    const cookie = `fracta_refresh=${refresh}`;
    const shapes: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://other.localhost:8080' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:8080.evil.example' },
    ];
    for (const headers of shapes) {
      const res = await post('/api/v1/auth/refresh', { cookie, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error?.code).toBe('csrf_rejected');
    }
    expect((await post('/api/v1/auth/refresh', { cookie })).status).toBe(200);
  });

  it('lets through same-origin, trusted-origin and header-less (curl) refreshes', async () => {
    let refresh = await session('csrf_friend');
    const allowed: Record<string, string>[] = [
      SAME_ORIGIN,
      { origin: SITE },
      // A trusted CORS origin, even from another site.
      { origin: 'https://allowed.example', 'sec-fetch-site': 'cross-site' },
      // The Vite dev server proxies the API: the browser vouches the request is same-origin.
      { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of allowed) {
      const res = await post('/api/v1/auth/refresh', { cookie: `fracta_refresh=${refresh}`, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
      refresh = res.refresh!;
    }
  });

  it('refuses a cross-site logout, which would otherwise end the session', async () => {
    const refresh = await session('csrf_logout');
    const forged = await post('/api/v1/auth/logout', { cookie: `fracta_refresh=${refresh}`, ...CROSS_SITE });
    expect(forged.status).toBe(403);
    expect(forged.body.error?.code).toBe('csrf_rejected');
    expect((await post('/api/v1/auth/refresh', { cookie: `fracta_refresh=${refresh}` })).status).toBe(200);
  });

  it('leaves bearer-token requests alone: they carry no cookie a page could borrow', async () => {
    const user = await quickUser(api, 'csrf_bearer');
    const res = await fetch(`${api.url}/api/v1/desires`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...CROSS_SITE },
      body: JSON.stringify({ prompt: 'a bearer call from elsewhere' }),
    });
    expect(res.status).toBe(201);
  });

  it('refuses a queue dashboard action from another origin when the session cookie is the credential', async () => {
    const admin = await quickUser(api, 'csrf_admin', 'admin');
    const link = await api.request<DashboardLink>('POST', '/api/v1/admin/dashboard-link', {
      token: admin.token,
    });
    const url = new URL(link.body.url);
    const opened = await fetch(`${api.url}${url.pathname}${url.search}`, { redirect: 'manual' });
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^ff_queue_dashboard=/);
    const render = adminQueuesFor(api).render;
    const pause = '/api/admin/queues/api/queues/render/pause';

    const forged = await post(pause, { cookie, origin: 'https://evil.example' }, 'PUT');
    expect(forged.status).toBe(403);
    expect(forged.body.error?.code).toBe('csrf_rejected');
    expect(await render.isPaused()).toBe(false);
    expect((await post(pause, { cookie, 'sec-fetch-site': 'same-site' }, 'PUT')).status).toBe(403);
    expect(await render.isPaused()).toBe(false);

    // From the dashboard page itself it works; with an admin bearer token the Origin does not matter.
    expect((await post(pause, { cookie, ...SAME_ORIGIN }, 'PUT')).status).toBe(200);
    expect(await render.isPaused()).toBe(true);
    const resume = '/api/admin/queues/api/queues/render/resume';
    expect(
      (await post(resume, { authorization: `Bearer ${admin.token}`, ...CROSS_SITE }, 'PUT')).status,
    ).toBe(200);
    expect(await render.isPaused()).toBe(false);
  });
});
