import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo, AuthResponse, CreatedApiKey, Me } from '@fractafrag/contracts';
import { createPool, type Pool } from '@fractafrag/db';
import { createUser, startApi, type ApiHarness } from './api-harness.ts';

const PASSWORD = 'correct-horse-battery';
const TEST_JWT_SECRET = 'test-secret-0123456789abcdef'; // the harness's token secret
const source = {
  passes: [{ name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' }],
};

interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
  /** The raw Set-Cookie line for fracta_refresh, if the reply set one. */
  setCookie: string | undefined;
  /** The new refresh token value, if the reply set a non-empty one. */
  refresh: string | undefined;
}

interface CallInit {
  body?: unknown;
  token?: string;
  apiKey?: string;
  refresh?: string;
}

type ErrorReply = { error: { code: string; message: string } };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('accounts: sessions, profile, API keys and roles', () => {
  let api: ApiHarness;

  /** Like api.request, plus the refresh cookie and X-API-Key, which the shared harness does not send. */
  async function call<T = unknown>(method: string, path: string, init: CallInit = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.apiKey) headers['x-api-key'] = init.apiKey;
    if (init.refresh !== undefined) headers.cookie = `fracta_refresh=${init.refresh}`;
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('fracta_refresh='));
    const value = setCookie?.slice('fracta_refresh='.length).split(';')[0];
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: res.headers,
      setCookie,
      refresh: value ? decodeURIComponent(value) : undefined,
    };
  }

  const login = (username: string, password = PASSWORD) =>
    call<AuthResponse>('POST', '/auth/login', { body: { login: username, password } });

  async function createKey(token: string, scopes: string[] = ['read'], name = 'test key') {
    const res = await call<CreatedApiKey>('POST', '/me/api-keys', { token, body: { name, scopes } });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('documents every accounts route in the OpenAPI document', async () => {
    const res = await fetch(`${api.url}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/auth/refresh'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/auth/logout'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/me'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/api/v1/me/api-keys'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/me/api-keys/{id}'] ?? {})).toEqual(['delete']);
    expect(Object.keys(doc.paths['/api/v1/users/{id}/role'] ?? {})).toEqual(['patch']);
  });

  describe('refresh-token sessions', () => {
    it('sets an HttpOnly, SameSite=Strict refresh cookie scoped to /api/v1/auth on register and stores only its sha256', async () => {
      const res = await call<AuthResponse>('POST', '/auth/register', {
        body: { username: 'cookie-carol', email: 'carol@example.com', password: PASSWORD },
      });
      expect(res.status).toBe(201);
      expect(res.setCookie).toMatch(/HttpOnly/);
      expect(res.setCookie).toMatch(/SameSite=Strict/);
      expect(res.setCookie).toMatch(/Path=\/api\/v1\/auth/);
      expect(res.setCookie).not.toMatch(/Secure/); // COOKIE_SECURE=false in the harness
      expect(res.refresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const { rows } = await api.db.pool.query<{ current_hash: string }>(
        'SELECT current_hash FROM refresh_token_families WHERE user_id = $1',
        [res.body.user.id],
      );
      expect(rows).toEqual([{ current_hash: sha256(res.refresh!) }]);
    });

    it('rotates on refresh: a new access token that works, a new cookie, the old token recorded as used', async () => {
      await createUser(api, 'rotor');
      const first = await login('rotor');
      expect(first.status).toBe(200);
      expect(first.refresh).toBeDefined();
      const next = await call<AuthResponse>('POST', '/auth/refresh', { refresh: first.refresh });
      expect(next.status).toBe(200);
      expect(next.body.user.username).toBe('rotor');
      expect(next.refresh).toBeDefined();
      expect(next.refresh).not.toBe(first.refresh);
      expect(next.setCookie).toMatch(/HttpOnly/);
      const me = await call<Me>('GET', '/me', { token: next.body.accessToken });
      expect(me.status).toBe(200);
      const used = await api.db.pool.query('SELECT 1 FROM refresh_tokens_used WHERE token_hash = $1', [
        sha256(first.refresh!),
      ]);
      expect(used.rowCount).toBe(1);
    });

    it('refuses a rotated token with 401 "revoked for safety" and then revokes the new token of that family too', async () => {
      await createUser(api, 'replayer');
      const first = await login('replayer');
      const second = await call<AuthResponse>('POST', '/auth/refresh', { refresh: first.refresh });
      expect(second.status).toBe(200);
      const replay = await call<ErrorReply>('POST', '/auth/refresh', { refresh: first.refresh });
      expect(replay.status).toBe(401);
      expect(replay.body.error.message).toMatch(/revoked for safety/);
      const afterRevocation = await call<ErrorReply>('POST', '/auth/refresh', { refresh: second.refresh });
      expect(afterRevocation.status).toBe(401);
    });

    it('keeps other sessions of the same user alive when one family is revoked', async () => {
      await createUser(api, 'two-tabs');
      const laptop = await login('two-tabs');
      const phone = await login('two-tabs');
      await call('POST', '/auth/refresh', { refresh: laptop.refresh });
      await call('POST', '/auth/refresh', { refresh: laptop.refresh }); // reuse: laptop family revoked
      const phoneRefresh = await call('POST', '/auth/refresh', { refresh: phone.refresh });
      expect(phoneRefresh.status).toBe(200);
    });

    it('lets exactly one of several concurrent refreshes with the same token win; the replays revoke the family', async () => {
      await createUser(api, 'racer');
      const start = await login('racer');
      // Hold the family row so every refresh reaches the database before any can rotate: without
      // row locking in the API, all of them would read the same current token and all would win.
      const side = createPool(api.db.url, 2);
      const holder = await side.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM refresh_token_families WHERE current_hash = $1 FOR UPDATE', [
          sha256(start.refresh!),
        ]);
        // Four, not more: the harness pool has five connections and one refresh holds one while it waits.
        const pending = Promise.all(
          Array.from({ length: 4 }, () =>
            call<AuthResponse>('POST', '/auth/refresh', { refresh: start.refresh }),
          ),
        );
        await waitUntil(async () => (await lockWaiters(side)) === 4);
        await holder.query('COMMIT');
        const replies = await pending;
        const winners = replies.filter((r) => r.status === 200);
        expect(winners).toHaveLength(1);
        expect(replies.filter((r) => r.status === 401)).toHaveLength(3);
        const winnerNext = await call('POST', '/auth/refresh', { refresh: winners[0]!.refresh });
        expect(winnerNext.status).toBe(401);
      } finally {
        holder.release();
        await side.end();
      }
    });

    it('answers 401 for a missing, malformed or unknown refresh cookie', async () => {
      expect((await call('POST', '/auth/refresh')).status).toBe(401);
      expect((await call('POST', '/auth/refresh', { refresh: 'not-a-token' })).status).toBe(401);
      const unknown = await call<ErrorReply>('POST', '/auth/refresh', { refresh: 'A'.repeat(43) });
      expect(unknown.status).toBe(401);
      expect(unknown.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('answers 401 for an expired session', async () => {
      const user = await createUser(api, 'sleeper');
      const session = await login('sleeper');
      await api.db.pool.query(
        `UPDATE refresh_token_families SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
        [user.id],
      );
      const res = await call<ErrorReply>('POST', '/auth/refresh', { refresh: session.refresh });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/expired/);
    });

    it('refreshes even when the client still sends its expired access token', async () => {
      const user = await createUser(api, 'stale-bearer');
      const session = await login('stale-bearer');
      const res = await call('POST', '/auth/refresh', {
        refresh: session.refresh,
        token: await expiredAccessToken(user.id),
      });
      expect(res.status).toBe(200);
    });

    it('logs out with 204, clears the cookie and ends the session; logging out again is still 204', async () => {
      await createUser(api, 'leaver');
      const session = await login('leaver');
      const out = await call('POST', '/auth/logout', { refresh: session.refresh });
      expect(out.status).toBe(204);
      expect(out.setCookie).toMatch(/^fracta_refresh=;/);
      expect(out.setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(out.setCookie).toMatch(/Path=\/api\/v1\/auth/);
      const refresh = await call<ErrorReply>('POST', '/auth/refresh', { refresh: session.refresh });
      expect(refresh.status).toBe(401);
      expect(refresh.body.error.message).toMatch(/logged out/);
      expect((await call('POST', '/auth/logout')).status).toBe(204);
    });

    it('gives the refreshed access token the role the user has now', async () => {
      const user = await createUser(api, 'promoted-pat');
      const session = await login('promoted-pat');
      await api.db.pool.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [user.id]);
      const res = await call<AuthResponse>('POST', '/auth/refresh', { refresh: session.refresh });
      expect(res.body.user.role).toBe('moderator');
    });
  });

  describe('GET and PATCH /me', () => {
    it('answers 401 with WWW-Authenticate without credentials, with a garbage token and with an expired token', async () => {
      const user = await createUser(api, 'gatekeeper');
      const none = await call('GET', '/me');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await call('GET', '/me', { token: 'not.a.jwt' })).status).toBe(401);
      const expired = await call<ErrorReply>('GET', '/me', { token: await expiredAccessToken(user.id) });
      expect(expired.status).toBe(401);
      expect(expired.body.error.message).toMatch(/expired/);
    });

    it('returns the whole profile of the current user', async () => {
      const user = await createUser(api, 'Profiled');
      const res = await call<Me>('GET', '/me', { token: user.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: user.id,
        username: 'Profiled',
        email: 'profiled@example.com',
        role: 'user',
        displayName: null,
        bio: null,
        avatarUrl: null,
        websiteUrl: null,
        points: 100,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      });
    });

    it('updates profile fields (trimmed), and clears one with an empty string', async () => {
      const user = await createUser(api, 'editor-ed');
      const res = await call<Me>('PATCH', '/me', {
        token: user.token,
        body: {
          displayName: '  Ed the Editor ',
          bio: 'I write raymarchers.',
          avatarUrl: 'https://cdn.example.com/ed.png',
          websiteUrl: 'http://ed.example.org/',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        displayName: 'Ed the Editor',
        bio: 'I write raymarchers.',
        avatarUrl: 'https://cdn.example.com/ed.png',
        websiteUrl: 'http://ed.example.org/',
      });
      const cleared = await call<Me>('PATCH', '/me', {
        token: user.token,
        body: { bio: '', avatarUrl: null },
      });
      expect(cleared.body).toMatchObject({ displayName: 'Ed the Editor', bio: null, avatarUrl: null });
      expect((await call<Me>('GET', '/me', { token: user.token })).body.bio).toBeNull();
    });

    it.each([
      ['a javascript: URL', { websiteUrl: 'javascript:alert(1)' }],
      ['an ftp URL', { avatarUrl: 'ftp://example.com/a.png' }],
      ['not a URL', { websiteUrl: 'my site' }],
      ['a display name over 64 characters', { displayName: 'x'.repeat(65) }],
      ['a bio over 2000 characters', { bio: 'x'.repeat(2001) }],
      ['an unknown field', { username: 'renamed' }],
      ['an empty body', {}],
      ['a new password without currentPassword', { newPassword: 'another-password-1' }],
    ])('rejects %s with 422', async (_what, body) => {
      const user = await createUser(api, `bad-${Math.random().toString(36).slice(2, 10)}`);
      const res = await call<ErrorReply>('PATCH', '/me', { token: user.token, body });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    });

    it('refuses a password change with a wrong currentPassword with 403', async () => {
      const user = await createUser(api, 'wrong-pw');
      const res = await call<ErrorReply>('PATCH', '/me', {
        token: user.token,
        body: { newPassword: 'brand-new-password', currentPassword: 'not-my-password' },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/currentPassword/);
      expect((await login('wrong-pw')).status).toBe(200);
    });

    it('changes the password, ends every other session and hands the caller a fresh refresh cookie', async () => {
      const user = await createUser(api, 'rotating-rita');
      const otherDevice = await login('rotating-rita');
      const res = await call<Me>('PATCH', '/me', {
        token: user.token,
        body: { newPassword: 'brand-new-password', currentPassword: PASSWORD },
      });
      expect(res.status).toBe(200);
      expect(res.refresh).toBeDefined();
      expect((await login('rotating-rita')).status).toBe(401);
      expect((await login('rotating-rita', 'brand-new-password')).status).toBe(200);
      expect((await call('POST', '/auth/refresh', { refresh: otherDevice.refresh })).status).toBe(401);
      expect((await call('POST', '/auth/refresh', { refresh: res.refresh })).status).toBe(200);
    });

    it('changes the email with the current password, and answers 409 for an email taken in another case', async () => {
      const user = await createUser(api, 'mover');
      await createUser(api, 'squatter');
      const taken = await call<ErrorReply>('PATCH', '/me', {
        token: user.token,
        body: { email: 'SQUATTER@Example.com', currentPassword: PASSWORD },
      });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('conflict');
      const noPassword = await call('PATCH', '/me', {
        token: user.token,
        body: { email: 'mover@new.example' },
      });
      expect(noPassword.status).toBe(422);
      const moved = await call<Me>('PATCH', '/me', {
        token: user.token,
        body: { email: 'mover@new.example', currentPassword: PASSWORD },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.email).toBe('mover@new.example');
      expect((await login('MOVER@NEW.example')).status).toBe(200);
    });

    it('refuses PATCH /me with a read-only API key with 403, while GET /me works with it', async () => {
      const user = await createUser(api, 'key-reader');
      const key = await createKey(user.token, ['read']);
      expect((await call('GET', '/me', { apiKey: key.key })).status).toBe(200);
      const res = await call<ErrorReply>('PATCH', '/me', { apiKey: key.key, body: { bio: 'hi' } });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/read scope/);
    });
  });

  describe('API keys', () => {
    it('creates a read-only key by default, shows the secret once and never lists it', async () => {
      const user = await createUser(api, 'keymaker');
      const created = await call<CreatedApiKey>('POST', '/me/api-keys', {
        token: user.token,
        body: { name: 'Claude desktop' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Claude desktop',
        scopes: ['read'],
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(created.body.key).toMatch(/^ff_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}$/);
      expect(created.body.key.startsWith(`${created.body.prefix}_`)).toBe(true);
      const list = await call<{ items: ApiKeyInfo[] }>('GET', '/me/api-keys', { token: user.token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).not.toHaveProperty('key');
      expect(JSON.stringify(list.body)).not.toContain(created.body.key.slice(12));
    });

    it('answers 401 for key routes without credentials', async () => {
      expect((await call('GET', '/me/api-keys')).status).toBe(401);
      expect((await call('POST', '/me/api-keys', { body: { name: 'x' } })).status).toBe(401);
      expect((await call('DELETE', '/me/api-keys/00000000-0000-4000-8000-000000000000')).status).toBe(401);
    });

    it.each([
      ['an unknown scope', { name: 'k', scopes: ['admin'] }],
      ['no scopes', { name: 'k', scopes: [] }],
      ['an empty name', { name: '   ' }],
      ['a name over 64 characters', { name: 'k'.repeat(65) }],
    ])('rejects a key with %s with 422', async (_what, body) => {
      const user = await createUser(api, `kv-${Math.random().toString(36).slice(2, 10)}`);
      const res = await call('POST', '/me/api-keys', { token: user.token, body });
      expect(res.status).toBe(422);
    });

    it('authenticates with Bearer and X-API-Key and stamps last_used_at', async () => {
      const user = await createUser(api, 'key-user');
      const key = await createKey(user.token, ['read', 'write']);
      const bearer = await call<Me>('GET', '/me', { token: key.key });
      expect(bearer.status).toBe(200);
      expect(bearer.body.id).toBe(user.id);
      const header = await call<Me>('GET', '/me', { apiKey: key.key });
      expect(header.body.id).toBe(user.id);
      const list = await call<{ items: ApiKeyInfo[] }>('GET', '/me/api-keys', { token: user.token });
      const stamped = list.body.items.find((k) => k.id === key.id);
      expect(stamped?.lastUsedAt).not.toBeNull();
      expect(Date.parse(stamped!.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('refuses a read-only key on a write route (POST /shaders) with 403 and lets a write key through', async () => {
      const user = await createUser(api, 'scoped-sam');
      const readKey = await createKey(user.token, ['read']);
      const writeKey = await createKey(user.token, ['read', 'write']);
      const refused = await call<ErrorReply>('POST', '/shaders', {
        apiKey: readKey.key,
        body: { title: 't', source },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/read scope/);
      const allowed = await call('POST', '/shaders', { token: writeKey.key, body: { title: 't', source } });
      expect(allowed.status).toBe(201);
    });

    it('refuses to create or revoke keys when authenticated by an API key, with 403', async () => {
      const user = await createUser(api, 'no-minting');
      const key = await createKey(user.token, ['read', 'write']);
      const create = await call<ErrorReply>('POST', '/me/api-keys', {
        apiKey: key.key,
        body: { name: 'child' },
      });
      expect(create.status).toBe(403);
      expect(create.body.error.message).toMatch(/log in/);
      const revoke = await call<ErrorReply>('DELETE', `/me/api-keys/${key.id}`, { token: key.key });
      expect(revoke.status).toBe(403);
      expect((await call('GET', '/me', { apiKey: key.key })).status).toBe(200);
    });

    it('revokes a key with 204, after which it is a 401 and listed with revokedAt', async () => {
      const user = await createUser(api, 'revoker');
      const key = await createKey(user.token);
      const res = await call('DELETE', `/me/api-keys/${key.id}`, { token: user.token });
      expect(res.status).toBe(204);
      const refused = await call<ErrorReply>('GET', '/me', { apiKey: key.key });
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toMatch(/revoked/);
      const list = await call<{ items: ApiKeyInfo[] }>('GET', '/me/api-keys', { token: user.token });
      expect(list.body.items[0]?.revokedAt).not.toBeNull();
      expect((await call('DELETE', `/me/api-keys/${key.id}`, { token: user.token })).status).toBe(204);
    });

    it("answers 404 when revoking someone else's key, an unknown id or a malformed id", async () => {
      const owner = await createUser(api, 'owner-olga');
      const other = await createUser(api, 'other-otto');
      const key = await createKey(owner.token);
      const res = await call<ErrorReply>('DELETE', `/me/api-keys/${key.id}`, { token: other.token });
      expect(res.status).toBe(404);
      expect((await call('GET', '/me', { apiKey: key.key })).status).toBe(200);
      const unknown = '00000000-0000-4000-8000-00000000beef';
      expect((await call('DELETE', `/me/api-keys/${unknown}`, { token: other.token })).status).toBe(404);
      expect((await call('DELETE', '/me/api-keys/not-a-uuid', { token: other.token })).status).toBe(404);
    });

    it('caps active keys at 25 with 409, also under concurrent creation; revoking one makes room', async () => {
      const user = await createUser(api, 'hoarder');
      const keys = await Promise.all(
        Array.from({ length: 24 }, (_, i) => createKey(user.token, ['read'], `k${i}`)),
      );
      // Three creations race for the last free slot; the user's row is held so all three queue up.
      const side = createPool(api.db.url, 2);
      const holder = await side.connect();
      let replies: Reply<unknown>[];
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [user.id]);
        const pending = Promise.all(
          Array.from({ length: 3 }, (_, i) =>
            call('POST', '/me/api-keys', { token: user.token, body: { name: `race ${i}` } }),
          ),
        );
        await waitUntil(async () => (await lockWaiters(side)) === 3);
        await holder.query('COMMIT');
        replies = await pending;
      } finally {
        holder.release();
        await side.end();
      }
      expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = replies.filter((r) => r.status === 409);
      expect(refused).toHaveLength(2);
      expect((refused[0]!.body as ErrorReply).error.message).toMatch(/25 active API keys/);
      await call('DELETE', `/me/api-keys/${keys[0]!.id}`, { token: user.token });
      const again = await call('POST', '/me/api-keys', { token: user.token, body: { name: 'one more' } });
      expect(again.status).toBe(201);
    });
  });

  describe('PATCH /users/:id/role', () => {
    it('lets an admin change a role with 200, effective at the next refresh', async () => {
      const admin = await createUser(api, 'root-rosa', 'admin');
      const user = await createUser(api, 'future-mod');
      const session = await login('future-mod');
      const res = await call('PATCH', `/users/${user.id}/role`, {
        token: admin.token,
        body: { role: 'moderator' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: user.id, username: 'future-mod', role: 'moderator' });
      const refreshed = await call<AuthResponse>('POST', '/auth/refresh', { refresh: session.refresh });
      expect(refreshed.body.user.role).toBe('moderator');
    });

    it('refuses role changes by users and moderators with 403', async () => {
      const user = await createUser(api, 'plain-paul');
      const mod = await createUser(api, 'mod-molly', 'moderator');
      for (const caller of [user, mod]) {
        const res = await call<ErrorReply>('PATCH', `/users/${caller.id}/role`, {
          token: caller.token,
          body: { role: 'admin' },
        });
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/Only admins/);
      }
      expect((await call('PATCH', `/users/${user.id}/role`, { body: { role: 'admin' } })).status).toBe(401);
    });

    it("refuses an admin's API key with 403, even with the write scope", async () => {
      const admin = await createUser(api, 'key-admin', 'admin');
      const target = await createUser(api, 'key-target');
      const key = await createKey(admin.token, ['read', 'write']);
      const res = await call('PATCH', `/users/${target.id}/role`, {
        apiKey: key.key,
        body: { role: 'admin' },
      });
      expect(res.status).toBe(403);
    });

    it('answers 404 for an unknown user and 422 for an unknown role', async () => {
      const admin = await createUser(api, 'admin-ada', 'admin');
      const unknown = '00000000-0000-4000-8000-00000000dead';
      const missing = await call('PATCH', `/users/${unknown}/role`, {
        token: admin.token,
        body: { role: 'user' },
      });
      expect(missing.status).toBe(404);
      expect(
        (await call('PATCH', '/users/nope/role', { token: admin.token, body: { role: 'user' } })).status,
      ).toBe(404);
      const bad = await call('PATCH', `/users/${admin.id}/role`, {
        token: admin.token,
        body: { role: 'root' },
      });
      expect(bad.status).toBe(422);
    });

    it('refuses to let the last admin demote themselves with 409, and allows it once another admin exists', async () => {
      // Every admin created so far in this file is demoted first, so exactly one remains.
      await api.db.pool.query(`UPDATE users SET role = 'user' WHERE role = 'admin' AND NOT is_system`);
      const last = await createUser(api, 'last-leo', 'admin');
      const res = await call<ErrorReply>('PATCH', `/users/${last.id}/role`, {
        token: last.token,
        body: { role: 'user' },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/last admin/);
      const heir = await createUser(api, 'heir-hana');
      const promote = await call('PATCH', `/users/${heir.id}/role`, {
        token: last.token,
        body: { role: 'admin' },
      });
      expect(promote.status).toBe(200);
      const stepDown = await call('PATCH', `/users/${last.id}/role`, {
        token: last.token,
        body: { role: 'user' },
      });
      expect(stepDown.status).toBe(200);
    });

    it('refuses a demoted admin whose access token still says admin, with 403', async () => {
      const admin = await createUser(api, 'fallen-fred', 'admin');
      await createUser(api, 'spare-admin', 'admin');
      await api.db.pool.query(`UPDATE users SET role = 'user' WHERE id = $1`, [admin.id]);
      const res = await call('PATCH', `/users/${admin.id}/role`, {
        token: admin.token,
        body: { role: 'admin' },
      });
      expect(res.status).toBe(403);
    });

    it("refuses to change the system user's role with 409", async () => {
      const admin = await createUser(api, 'sys-poker', 'admin');
      const system = '00000000-0000-4000-8000-000000000001';
      const res = await call('PATCH', `/users/${system}/role`, {
        token: admin.token,
        body: { role: 'user' },
      });
      expect(res.status).toBe(409);
    });
  });
});

/** An access token signed with the harness secret that expired a minute ago. */
async function expiredAccessToken(userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'user' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer('fractafrag')
    .setIssuedAt(now - 3600)
    .setExpirationTime(now - 60)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

/** Polls a condition (never a fixed sleep) for up to five seconds. */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** How many sessions of this test database are waiting for a row lock. */
async function lockWaiters(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}
