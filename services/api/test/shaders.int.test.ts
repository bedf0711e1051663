import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, Page, ShaderDetail, ShaderSummary } from '@fractafrag/contracts';
import { startApi, type ApiHarness } from './api-harness.ts';

const IMAGE = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';
const source = { passes: [{ name: 'Image', code: IMAGE }] };

describe('accounts and shaders against real Postgres and Redis', () => {
  let api: ApiHarness;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    const res = await api.request<AuthResponse>('POST', '/api/v1/auth/register', {
      body: { username: 'Alice', email: 'alice@example.com', password: 'wonderland-42' },
    });
    token = res.body.accessToken;
  });
  afterAll(() => api.close());

  it('rejects a second registration with the same username in another case with 409', async () => {
    const res = await api.request<{ error: { code: string } }>('POST', '/api/v1/auth/register', {
      body: { username: 'alice', email: 'other@example.com', password: 'wonderland-42' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('logs in by email in any case and refuses a wrong password with 401', async () => {
    const ok = await api.request<AuthResponse>('POST', '/api/v1/auth/login', {
      body: { login: 'ALICE@example.com', password: 'wonderland-42' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.username).toBe('Alice');
    const bad = await api.request('POST', '/api/v1/auth/login', {
      body: { login: 'alice', password: 'nope' },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers malformed JSON with 400 in the one error shape', async () => {
    const res = await api.request<{ error: { code: string } }>('POST', '/api/v1/auth/login', {
      raw: '{"login":',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('requires authentication to create a shader', async () => {
    const res = await api.request('POST', '/api/v1/shaders', { body: { title: 't', source } });
    expect(res.status).toBe(401);
  });

  it('rejects a pass over 64 KiB with 422 naming the limit', async () => {
    const huge = { passes: [{ name: 'Image', code: `${IMAGE}\n//${'x'.repeat(65 * 1024)}` }] };
    const res = await api.request<{ error: { message: string } }>('POST', '/api/v1/shaders', {
      token,
      body: { title: 'big', source: huge },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/64 KiB/);
  });

  it('stores a published shader as version 1 and enqueues one render job for it', async () => {
    const res = await api.request<ShaderDetail>('POST', '/api/v1/shaders', {
      token,
      body: { title: 'Gradient', tags: ['Gradient'], status: 'published', source },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Gradient',
      tags: ['gradient'],
      currentVersion: 1,
      renderState: 'queued',
    });
    const jobs = await api.renderQueue.queue.getJobs(['waiting']);
    expect(jobs.map((j) => (j.data as { shaderId: string }).shaderId)).toContain(res.body.id);
    const fetched = await api.request<ShaderDetail>('GET', `/api/v1/shaders/${res.body.id}`);
    expect(fetched.body.source.passes[0]?.code).toBe(IMAGE);
  });

  it('hides a draft from everyone but its author', async () => {
    const draft = await api.request<ShaderDetail>('POST', '/api/v1/shaders', {
      token,
      body: { title: 'WIP', source },
    });
    expect(draft.body.status).toBe('draft');
    expect((await api.request('GET', `/api/v1/shaders/${draft.body.id}`)).status).toBe(404);
    expect((await api.request('GET', `/api/v1/shaders/${draft.body.id}`, { token })).status).toBe(200);
    const feed = await api.request<Page<ShaderSummary>>('GET', '/api/v1/feed/new?limit=100');
    expect(feed.body.items.some((s) => s.id === draft.body.id)).toBe(false);
  });

  it('pages the new feed with a keyset cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await api.request<Page<ShaderSummary>>('GET', `/api/v1/feed/new?limit=5${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(13); // 12+ seed shaders and the one published above
    expect((await api.request('GET', '/api/v1/feed/new?limit=500')).status).toBe(422);
    expect((await api.request('GET', '/api/v1/feed/new?cursor=garbage')).status).toBe(400);
  });

  it('reports readiness of Postgres and Redis', async () => {
    const res = await api.request<{ checks: Record<string, string> }>('GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ postgres: 'ok', redis: 'ok' });
  });
});
