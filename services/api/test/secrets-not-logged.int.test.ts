import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, CreatedApiKey, DashboardLink } from '@fractafrag/contracts';
import { startApi, TEST_JWT_SECRET, type ApiHarness } from './api-harness.ts';
import { quickUser } from './social-fixtures.ts';

/**
 * The API's real log output (JSON lines at level trace) during a session's whole life, an API
 * key's creation and use, a password change, a failed login and error replies: no password,
 * access token, refresh token, API key, dashboard link or JWT_SECRET may appear in it.
 */
describe('secrets never reach the logs', () => {
  let api: ApiHarness;
  const lines: string[] = [];
  const secrets = new Map<string, string>([['JWT_SECRET', TEST_JWT_SECRET]]);
  const keep = (what: string, value: string | undefined) => {
    if (!value) throw new Error(`no ${what} to check`);
    secrets.set(what, value);
    return value;
  };

  beforeAll(async () => {
    api = await startApi({ logDestination: { write: (line: string) => void lines.push(line) } });
  });
  afterAll(() => api.close());

  async function call(
    method: string,
    path: string,
    init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await res.text();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fracta_refresh='));
    const refresh = cookie?.slice('fracta_refresh='.length).split(';')[0];
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as unknown,
      refresh: refresh || undefined,
    };
  }

  it('logs requests with their request id, and none of the secrets they carried', async () => {
    const password = keep('password', 'Hunter2-password-that-must-not-leak');
    const register = await call('POST', '/api/v1/auth/register', {
      body: { username: 'leaky', email: 'leaky@example.com', password },
    });
    expect(register.status).toBe(201);
    keep('register access token', (register.body as AuthResponse).accessToken);
    keep('register refresh token', register.refresh);

    const wrong = keep('wrong password', 'Wrong-guess-password-0xC0FFEE');
    expect(
      (await call('POST', '/api/v1/auth/login', { body: { login: 'leaky', password: wrong } })).status,
    ).toBe(401);
    const login = await call('POST', '/api/v1/auth/login', { body: { login: 'leaky', password } });
    expect(login.status).toBe(200);
    const refreshToken = keep('login refresh token', login.refresh);
    keep('login access token', (login.body as AuthResponse).accessToken);

    const refreshed = await call('POST', '/api/v1/auth/refresh', {
      headers: { cookie: `fracta_refresh=${refreshToken}` },
    });
    expect(refreshed.status).toBe(200);
    const access = keep('refreshed access token', (refreshed.body as AuthResponse).accessToken);
    keep('refreshed refresh token', refreshed.refresh);
    const bearer = { authorization: `Bearer ${access}` };

    const created = await call('POST', '/api/v1/me/api-keys', {
      headers: bearer,
      body: { name: 'ci', scopes: ['write'] },
    });
    expect(created.status).toBe(201);
    const apiKey = keep('API key', (created.body as CreatedApiKey).key);
    expect((await call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(
      200,
    );
    expect(
      (
        await call('POST', '/api/v1/desires', {
          headers: { 'x-api-key': apiKey },
          body: { prompt: 'logged desire' },
        })
      ).status,
    ).toBe(201);
    // Clients that put credentials in the query string: the logged path leaves the query out.
    expect(
      (await call('GET', `/api/v1/me?access_token=${access}&api_key=${apiKey}`, { headers: bearer })).status,
    ).toBe(200);

    const newPassword = keep('new password', 'Brand-new-password-that-must-not-leak');
    const changed = await call('PATCH', '/api/v1/me', {
      headers: bearer,
      body: { currentPassword: password, newPassword },
    });
    expect(changed.status).toBe(200);
    keep('refresh token after the password change', changed.refresh);

    // Error replies that echo nothing back into the logs: malformed JSON holding a password, a
    // validation error on one, a forged token, an unknown key.
    const inMalformed = keep('password in malformed JSON', 'Malformed-body-password-1234');
    expect(
      (await call('POST', '/api/v1/auth/login', { raw: `{"login":"leaky","password":"${inMalformed}"` }))
        .status,
    ).toBe(400);
    const inInvalid = keep('password in an invalid body', 'Invalid-body-password-5678');
    expect(
      (
        await call('POST', '/api/v1/auth/register', {
          body: { username: 'x', email: 'nope', password: inInvalid },
        })
      ).status,
    ).toBe(422);
    const forged = keep('forged token', `${access.slice(0, -6)}AAAAAA`);
    expect((await call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${forged}` } })).status).toBe(
      401,
    );
    const unknownKey = keep('unknown API key', `${apiKey.slice(0, -6)}zzzzzz`);
    expect((await call('GET', '/api/v1/me', { headers: { 'x-api-key': unknownKey } })).status).toBe(401);

    const admin = await quickUser(api, 'leaky_admin', 'admin');
    keep('admin access token', admin.token);
    const link = await call('POST', '/api/v1/admin/dashboard-link', {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    const url = new URL((link.body as DashboardLink).url);
    keep('dashboard link token', url.searchParams.get('token') ?? undefined);
    expect((await fetch(`${api.url}${url.pathname}${url.search}`, { redirect: 'manual' })).status).toBe(303);
    expect(
      (
        await call('POST', '/api/v1/auth/logout', {
          headers: { cookie: `fracta_refresh=${changed.refresh}` },
        })
      ).status,
    ).toBe(204);

    const records = lines.map(
      (line) => JSON.parse(line) as { msg?: string; request_id?: string; status?: number },
    );
    const requests = records.filter((r) => r.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(15);
    expect(requests.every((r) => typeof r.request_id === 'string' && r.request_id.length > 0)).toBe(true);
    expect(requests.some((r) => r.status === 401)).toBe(true);
    const log = lines.join('');
    const leaked = [...secrets.entries()]
      .filter(([, value]) => log.includes(value) || log.includes(encodeURIComponent(value)))
      .map(([what]) => what);
    expect(leaked).toEqual([]);
    expect(secrets.size).toBeGreaterThanOrEqual(17);
  });
});
