import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, PublicProfile, ShaderSummary } from '@fractafrag/contracts';
import { createUser, startApi, type ApiHarness, type TestUser } from './api-harness.ts';

const IMAGE = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';

describe('public profiles and popular tags against real Postgres', () => {
  let api: ApiHarness;
  let dana: TestUser;
  let eve: TestUser;
  const published: string[] = [];

  async function newShader(
    user: TestUser,
    title: string,
    tags: string[],
    status: 'draft' | 'published' = 'published',
    visibility: 'public' | 'unlisted' | 'private' = 'public',
  ): Promise<string> {
    const res = await api.request<{ id: string }>('POST', '/api/v1/shaders', {
      token: user.token,
      body: { title, tags, status, visibility, source: { passes: [{ name: 'Image', code: IMAGE }] } },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  beforeAll(async () => {
    api = await startApi();
    [dana, eve] = await Promise.all([createUser(api, 'Dana'), createUser(api, 'eve')]);
    await api.db.pool.query(
      `UPDATE users SET display_name = 'Dana S.', bio = 'I make noise.', website_url = 'https://dana.example' WHERE id = $1`,
      [dana.id],
    );
    for (let i = 0; i < 5; i++)
      published.push(await newShader(dana, `Dana ${i}`, ['zz-alpha', i < 2 ? 'zz-beta' : 'zz-gamma']));
    await newShader(dana, 'Dana draft', ['zz-beta', 'zz-hidden'], 'draft');
    await newShader(dana, 'Dana private', ['zz-beta', 'zz-hidden'], 'published', 'private');
    await newShader(dana, 'Dana unlisted', ['zz-beta', 'zz-hidden'], 'published', 'unlisted');
    await newShader(eve, 'Eve 1', ['zz-alpha']);
    published.reverse(); // newest first
  });
  afterAll(() => api?.close());

  describe('GET /users/:username', () => {
    it('shows the public profile, case-insensitively, with the count and first page of published public shaders', async () => {
      const res = await api.request<PublicProfile>('GET', '/api/v1/users/dAnA');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: dana.id,
        username: 'Dana',
        displayName: 'Dana S.',
        bio: 'I make noise.',
        avatarUrl: null,
        websiteUrl: 'https://dana.example',
        counts: { publishedShaders: 5 },
      });
      expect(res.body.shaders.items.map((s) => s.id)).toEqual(published);
      expect(res.body.shaders.nextCursor).toBeNull();
      expect(res.body.shaders.items.every((s) => s.author.username === 'Dana')).toBe(true);
    });

    it('never exposes the email, role or points balance', async () => {
      const res = await api.request<Record<string, unknown>>('GET', '/api/v1/users/dana');
      expect(res.body).not.toHaveProperty('email');
      expect(res.body).not.toHaveProperty('points');
      expect(res.body).not.toHaveProperty('role');
    });

    it('answers 404 for an unknown user', async () => {
      const res = await api.request<{ error: { code: string } }>('GET', '/api/v1/users/nobody-here');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    it('shows the seeded system user with its curated shaders', async () => {
      const res = await api.request<PublicProfile>('GET', '/api/v1/users/fractafrag');
      expect(res.status).toBe(200);
      expect(res.body.counts.publishedShaders).toBeGreaterThanOrEqual(14);
      expect(res.body.shaders.items.length).toBeGreaterThan(0);
      expect(res.body.shaders.nextCursor).not.toBeNull();
    });
  });

  describe('GET /users/:username/shaders', () => {
    it('pages through published public shaders newest first with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: Page<ShaderSummary> } = await api.request<Page<ShaderSummary>>(
          'GET',
          `/api/v1/users/dana/shaders?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((s) => s.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(published);
    });

    it('answers 404 for an unknown user, 400 for a bad cursor and 422 for a bad limit', async () => {
      expect((await api.request('GET', '/api/v1/users/nobody-here/shaders')).status).toBe(404);
      expect((await api.request('GET', '/api/v1/users/dana/shaders?cursor=bogus')).status).toBe(400);
      expect((await api.request('GET', '/api/v1/users/dana/shaders?limit=0')).status).toBe(422);
      expect((await api.request('GET', '/api/v1/users/dana/shaders?limit=101')).status).toBe(422);
    });
  });

  describe('GET /tags/popular', () => {
    it('counts tags of published public shaders only, most used first', async () => {
      const res = await api.request<{ items: { tag: string; count: number }[] }>(
        'GET',
        '/api/v1/tags/popular?limit=100',
      );
      expect(res.status).toBe(200);
      const count = (tag: string) => res.body.items.find((t) => t.tag === tag)?.count;
      expect(count('zz-alpha')).toBe(6);
      expect(count('zz-gamma')).toBe(3);
      expect(count('zz-beta')).toBe(2); // the draft, private and unlisted ones do not count
      expect(count('zz-hidden')).toBeUndefined();
      const counts = res.body.items.map((t) => t.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      expect(res.body.items[0]).toEqual({ tag: 'zz-alpha', count: 6 });
    });

    it('honours the limit and rejects one outside 1–100 with 422', async () => {
      const res = await api.request<{ items: unknown[] }>('GET', '/api/v1/tags/popular?limit=2');
      expect(res.body.items).toHaveLength(2);
      expect((await api.request('GET', '/api/v1/tags/popular?limit=0')).status).toBe(422);
      expect((await api.request('GET', '/api/v1/tags/popular?limit=101')).status).toBe(422);
    });
  });
});
