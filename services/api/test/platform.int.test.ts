import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './api-harness.ts';

interface ErrorReply {
  error: { code: string; message: string; details?: unknown };
}

describe('cross-cutting HTTP behaviour', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi({
      rateLimits: {
        read: { limit: 5, windowMs: 60_000 },
        write: { limit: 100, windowMs: 60_000 },
        auth: { limit: 3, windowMs: 60_000 },
        session: { limit: 1000, windowMs: 60_000 },
        publish: { limit: 100, windowMs: 60_000 },
      },
    });
  });
  afterAll(() => api.close());

  it('answers the 6th read within a minute with 429, Retry-After and X-RateLimit-* headers', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<ApiHarness['request']>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await api.request('GET', '/api/v1/feed/new?limit=1');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('5');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((last!.body as ErrorReply).error.code).toBe('rate_limited');
  });

  it('limits login attempts more strictly than reads', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api.request('POST', '/api/v1/auth/login', {
        body: { login: 'nobody', password: 'x' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('refuses a body over the limit with 413 in the one error shape', async () => {
    const res = await api.request<ErrorReply>('POST', '/api/v1/auth/register', {
      raw: JSON.stringify({
        username: 'big',
        email: 'big@example.com',
        password: 'x'.repeat(3 * 1024 * 1024),
      }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('sets security headers and a request id on every response, echoing a valid incoming id', async () => {
    const res = await fetch(`${api.url}/api/v1/unknown`, { headers: { 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
    const generated = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows only configured origins outside development (CORS default-deny)', async () => {
    const allowed = await fetch(`${api.url}/api/v1/feed/new`, {
      method: 'OPTIONS',
      headers: { origin: 'https://allowed.example', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const denied = await fetch(`${api.url}/api/v1/feed/new`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects a malformed or unknown bearer credential with 401 instead of treating it as anonymous', async () => {
    const bad = await fetch(`${api.url}/api/v1/feed/new`, { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer');
    const key = await fetch(`${api.url}/api/v1/feed/new`, { headers: { 'x-api-key': 'ff_unknown_key' } });
    expect(key.status).toBe(401);
    expect(((await key.json()) as ErrorReply).error.message).toMatch(/API key/);
  });

  it('publishes an OpenAPI 3.1 document of every route and a browsable docs page', async () => {
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { summary: string; responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/shaders',
        '/api/v1/shaders/{id}',
        '/api/v1/feed/new',
      ]),
    );
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op.summary, `${method} ${path} has a summary`).toBeTruthy();
        expect(Object.keys(op.responses).length, `${method} ${path} documents responses`).toBeGreaterThan(1);
      }
    }
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    const bundle = await fetch(`${api.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});

describe('anonymous micro-cache of score-ordered lists', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ listCacheScale: 1 });
  });
  afterAll(() => api.close());

  it('serves trending to anonymous readers from a 2 s cache but never caches a signed-in reader', async () => {
    const first = await api.request<{ items: { id: string }[] }>('GET', '/api/v1/feed/trending?limit=5');
    await api.db.pool.query('UPDATE shaders SET deleted_at = now()');
    const cached = await api.request<{ items: { id: string }[] }>('GET', '/api/v1/feed/trending?limit=5');
    expect(cached.body.items.map((s) => s.id)).toEqual(first.body.items.map((s) => s.id));
    const reg = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/register', {
      body: { username: 'cachecheck', email: 'cache@example.com', password: 'long-enough-1' },
    });
    const fresh = await api.request<{ items: unknown[] }>('GET', '/api/v1/feed/trending?limit=5', {
      token: reg.body.accessToken,
    });
    expect(fresh.body.items).toEqual([]);
  });
});
