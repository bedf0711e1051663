import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desire, DesireDetail, Page } from '@fractafrag/contracts';
import { embedText, toPgVector } from '@fractafrag/embeddings';
import { generateApiKey } from '../src/auth/api-key.ts';
import { desireHeat } from '../src/desires/desire-heat.ts';
import { createUser, startApi, TEST_REDIS_URL, type ApiHarness, type TestUser } from './api-harness.ts';

type ErrorReply = { error: { code: string; message: string; details?: unknown } };
const IMAGE = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';
const UNKNOWN = '5b0f7c9e-0000-4000-8000-000000000000';

describe('desires against real Postgres and Redis', () => {
  let api: ApiHarness;
  let redis: Redis;
  let embedQueue: Queue;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let mod: TestUser;

  const post = <T = Desire>(path: string, user: TestUser | undefined, body?: unknown) =>
    api.request<T>('POST', `/api/v1${path}`, { token: user?.token, body });
  const get = <T>(path: string, user?: TestUser) =>
    api.request<T>('GET', `/api/v1${path}`, { token: user?.token });

  async function newDesire(
    user: TestUser,
    prompt: string,
    extra: Record<string, unknown> = {},
  ): Promise<Desire> {
    const res = await post('/desires', user, { prompt, ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function newShader(
    user: TestUser,
    status: 'draft' | 'published',
    visibility = 'public',
  ): Promise<string> {
    const res = await post<{ id: string }>('/shaders', user, {
      title: `${status} ${visibility} by ${user.username}`,
      status,
      visibility,
      source: { passes: [{ name: 'Image', code: IMAGE }] },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const balanceOf = async (user: TestUser) =>
    (await api.db.pool.query<{ points: number }>('SELECT points FROM users WHERE id = $1', [user.id]))
      .rows[0]!.points;

  beforeAll(async () => {
    api = await startApi();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    embedQueue = new Queue('embed', { connection: redis, prefix: api.renderQueue.queue.opts.prefix });
    [alice, bob, carol, mod] = await Promise.all([
      createUser(api, 'alice'),
      createUser(api, 'bob'),
      createUser(api, 'carol'),
      createUser(api, 'moddy', 'moderator'),
    ]);
  });
  afterAll(async () => {
    await embedQueue?.obliterate({ force: true });
    await embedQueue?.close();
    redis?.disconnect();
    await api?.close();
  });

  describe('POST /desires', () => {
    it('creates an open desire with heat 1 and enqueues its embedding under a deterministic job id', async () => {
      const res = await post('/desires', alice, {
        prompt: '  slow dark ragdoll physics with neon glow ',
        details: 'falling bodies lit by their own outlines',
        tags: ['Physics', 'neon', 'neon'],
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/desires/${res.body.id}`);
      expect(res.body).toMatchObject({
        prompt: 'slow dark ragdoll physics with neon glow',
        tags: ['physics', 'neon'],
        status: 'open',
        author: { id: alice.id, username: 'alice' },
        supportCount: 0,
        tipTotal: 0,
        heat: 1,
        clusterId: null,
        supportedByMe: false,
        fulfilledBy: null,
      });
      const job = await embedQueue.getJob(`embed-desire-${res.body.id}`);
      expect(job?.data).toMatchObject({ kind: 'desire', id: res.body.id });
    });

    it('requires authentication (401) and the write scope (403 for a read-only API key)', async () => {
      expect((await post('/desires', undefined, { prompt: 'fractal zoom' })).status).toBe(401);
      const key = generateApiKey();
      await api.db.pool.query(
        `INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes) VALUES ($1, 'ro', $2, $3, '{read}')`,
        [alice.id, key.prefix, key.hash],
      );
      const res = await api.request<ErrorReply>('POST', '/api/v1/desires', {
        token: key.key,
        body: { prompt: 'fractal zoom' },
      });
      expect(res.status).toBe(403);
    });

    it('rejects a short prompt, long details, too many or malformed tags with 422 naming the field', async () => {
      const cases = [
        [{ prompt: 'ab' }, 'prompt'],
        [{ prompt: 'x'.repeat(501) }, 'prompt'],
        [{ prompt: 'fine prompt', details: 'd'.repeat(5001) }, 'details'],
        [{ prompt: 'fine prompt', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
        [{ prompt: 'fine prompt', tags: ['no spaces allowed'] }, 'tags'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await post<ErrorReply>('/desires', alice, body);
        expect(res.status).toBe(422);
        expect(res.body.error.message).toContain(field);
      }
    });
  });

  describe('GET /desires/:id', () => {
    it('answers 404 for an unknown or malformed id', async () => {
      expect((await get(`/desires/${UNKNOWN}`)).status).toBe(404);
      expect((await get('/desires/not-a-uuid')).status).toBe(404);
    });

    it('shows no cluster and no similar desires before the worker has embedded it', async () => {
      const desire = await newDesire(bob, 'aurora over snowy mountains');
      const res = await get<DesireDetail>(`/desires/${desire.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: desire.id, cluster: null, similar: [] });
    });

    it('shows its cluster and up to 5 nearest desires by embedding, nearest first, itself excluded', async () => {
      const prompts = [
        'ocean waves at sunset',
        'sunset over the ocean with rolling waves',
        'stormy ocean waves at dusk',
        'calm sea at sunset',
        'mandelbrot deep zoom',
        'voronoi stained glass',
        'retro synthwave grid',
      ];
      const desires = [];
      for (const prompt of prompts) desires.push(await newDesire(carol, prompt));
      const { rows } = await api.db.pool.query<{ id: string }>(
        `INSERT INTO desire_clusters (label, centroid, size) VALUES ('ocean waves sunset', $1::vector, 4) RETURNING id`,
        [toPgVector(await embedText('ocean waves at sunset'))],
      );
      for (const d of desires) {
        await api.db.pool.query('UPDATE desires SET embedding = $2::vector, cluster_id = $3 WHERE id = $1', [
          d.id,
          toPgVector(await embedText({ prompt: d.prompt })),
          d.prompt.includes('sunset') || d.prompt.includes('ocean') ? rows[0]!.id : null,
        ]);
      }
      const res = await get<DesireDetail>(`/desires/${desires[0]!.id}`);
      expect(res.status).toBe(200);
      expect(res.body.cluster).toEqual({ id: rows[0]!.id, label: 'ocean waves sunset', size: 4 });
      expect(res.body.clusterId).toBe(rows[0]!.id);
      const similar = res.body.similar;
      expect(similar).toHaveLength(5);
      expect(similar.map((s) => s.id)).not.toContain(desires[0]!.id);
      expect(similar[0]!.prompt).toBe('sunset over the ocean with rolling waves');
      const sims = similar.map((s) => s.similarity);
      expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    });
  });

  describe('GET /desires', () => {
    it('pages newest first with a cursor, without repeats or gaps', async () => {
      const all = await get<Page<Desire>>('/desires?sort=new&limit=100');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: Page<Desire> } = await get<Page<Desire>>(
          `/desires?sort=new&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.items.map((d) => d.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((d) => d.id));
      const times = all.body.items.map((d) => d.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('orders by heat, hottest first, and pages by heat with a cursor', async () => {
      const hot = await newDesire(alice, 'glowing jellyfish swarm');
      expect((await post(`/desires/${hot.id}/support`, bob)).status).toBe(200);
      expect((await post(`/desires/${hot.id}/support`, carol)).status).toBe(200);
      const first = await get<Page<Desire>>('/desires?sort=heat&limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items[0]!.id).toBe(hot.id);
      const heats = first.body.items.map((d) => d.heat);
      const second = await get<Page<Desire>>(`/desires?sort=heat&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((d) => d.id)).not.toContain(first.body.items[0]!.id);
      expect(second.body.items[0]!.heat).toBeLessThanOrEqual(heats[1]!);
    });

    it('filters by status (open by default, all on request) and validates the query', async () => {
      const closed = await newDesire(alice, 'a desire to be closed');
      expect((await post(`/desires/${closed.id}/close`, alice)).status).toBe(200);
      const open = await get<Page<Desire>>('/desires?limit=100');
      expect(open.body.items.every((d) => d.status === 'open')).toBe(true);
      const onlyClosed = await get<Page<Desire>>('/desires?status=closed');
      expect(onlyClosed.body.items.map((d) => d.id)).toEqual([closed.id]);
      const all = await get<Page<Desire>>('/desires?status=all&limit=100');
      expect(all.body.items.map((d) => d.id)).toContain(closed.id);
      expect((await get('/desires?limit=101')).status).toBe(422);
      expect((await get('/desires?sort=hot')).status).toBe(422);
      expect((await get('/desires?cursor=garbage')).status).toBe(400);
      const newCursor = (await get<Page<Desire>>('/desires?sort=new&limit=1')).body.nextCursor;
      expect((await get(`/desires?sort=heat&cursor=${newCursor}`)).status).toBe(400);
    });
  });

  describe('support ("me too")', () => {
    it('is idempotent, shows up as supportedByMe, raises heat, and can be withdrawn idempotently', async () => {
      const d = await newDesire(alice, 'pixel art waterfall');
      const once = await post<{ supported: boolean; supportCount: number; heat: number }>(
        `/desires/${d.id}/support`,
        bob,
      );
      expect(once.status).toBe(200);
      expect(once.body).toMatchObject({ desireId: d.id, supported: true, supportCount: 1 });
      expect(once.body.heat).toBeGreaterThan(d.heat);
      const twice = await post<{ supportCount: number }>(`/desires/${d.id}/support`, bob);
      expect(twice.body.supportCount).toBe(1);
      expect(
        (await post<{ supportCount: number }>(`/desires/${d.id}/support`, carol)).body.supportCount,
      ).toBe(2);
      expect((await get<Desire>(`/desires/${d.id}`, bob)).body.supportedByMe).toBe(true);
      expect((await get<Desire>(`/desires/${d.id}`)).body.supportedByMe).toBe(false);

      const del = () =>
        api.request<{ supported: boolean; supportCount: number }>(
          'DELETE',
          `/api/v1/desires/${d.id}/support`,
          { token: bob.token },
        );
      expect((await del()).body).toMatchObject({ supported: false, supportCount: 1 });
      expect((await del()).body).toMatchObject({ supported: false, supportCount: 1 });
    });

    it('refuses your own desire (403), unknown desires (404), closed ones (409) and anonymous callers (401)', async () => {
      const d = await newDesire(alice, 'rotating tesseract');
      expect((await post(`/desires/${d.id}/support`, alice)).status).toBe(403);
      expect((await post(`/desires/${UNKNOWN}/support`, bob)).status).toBe(404);
      expect((await post(`/desires/${d.id}/support`, undefined)).status).toBe(401);
      expect((await api.request('DELETE', `/api/v1/desires/${d.id}/support`)).status).toBe(401);
      await post(`/desires/${d.id}/close`, alice);
      const res = await post<ErrorReply>(`/desires/${d.id}/support`, bob);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('closed');
    });
  });

  describe('tips', () => {
    it('never overdraws: 10 concurrent tips of 30 on a balance of 100 → exactly 3 succeed', async () => {
      const d = await newDesire(alice, 'neon city in the rain');
      const tipper = await createUser(api, 'tipper');
      const replies = await Promise.all(
        Array.from({ length: 10 }, () =>
          post<{ balance: number; tipTotal: number } & ErrorReply>(`/desires/${d.id}/tip`, tipper, {
            points: 30,
          }),
        ),
      );
      const ok = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status === 409);
      expect(ok).toHaveLength(3);
      expect(refused).toHaveLength(7);
      expect(refused[0]!.body.error.details).toEqual({ balance: 10, requested: 30 });
      expect(ok.map((r) => r.body.balance).sort((a, b) => a - b)).toEqual([10, 40, 70]);
      expect(await balanceOf(tipper)).toBe(10);
      const after = await get<Desire>(`/desires/${d.id}`);
      expect(after.body.tipTotal).toBe(90);
      expect(after.body.heat).toBeGreaterThan(1);
    });

    it('answers 409 with the balance when it does not cover the tip, and leaves everything unchanged', async () => {
      const d = await newDesire(alice, 'underwater caustics');
      const poor = await createUser(api, 'poor');
      const res = await post<ErrorReply>(`/desires/${d.id}/tip`, poor, { points: 101 });
      expect(res.status).toBe(409);
      expect(res.body.error.details).toEqual({ balance: 100, requested: 101 });
      expect(await balanceOf(poor)).toBe(100);
      expect((await get<Desire>(`/desires/${d.id}`)).body.tipTotal).toBe(0);
    });

    it('validates points (422), and refuses unknown (404) or closed (409) desires', async () => {
      const d = await newDesire(alice, 'kaleidoscope tunnel');
      for (const points of [0, 10_001, 1.5, '5']) {
        expect((await post(`/desires/${d.id}/tip`, bob, { points })).status).toBe(422);
      }
      expect((await post(`/desires/${UNKNOWN}/tip`, bob, { points: 1 })).status).toBe(404);
      expect((await post(`/desires/${d.id}/tip`, undefined, { points: 1 })).status).toBe(401);
      await post(`/desires/${d.id}/close`, alice);
      expect((await post(`/desires/${d.id}/tip`, bob, { points: 1 })).status).toBe(409);
    });
  });

  describe('fulfil', () => {
    it("marks the desire fulfilled by the caller's published shader and credits the bounty to them", async () => {
      const d = await newDesire(alice, 'fire tornado');
      const tipper = await createUser(api, 'generous');
      await post(`/desires/${d.id}/tip`, tipper, { points: 40 });
      const shader = await newShader(bob, 'published', 'unlisted');
      const before = await balanceOf(bob);
      const res = await post<{ desire: Desire; creditedPoints: number; balance: number }>(
        `/desires/${d.id}/fulfil`,
        bob,
        { shaderId: shader },
      );
      expect(res.status).toBe(200);
      expect(res.body.creditedPoints).toBe(40);
      expect(res.body.balance).toBe(before + 40);
      expect(res.body.desire).toMatchObject({ status: 'fulfilled', fulfilledBy: { shaderId: shader } });
      expect(res.body.desire.fulfilledAt).not.toBeNull();
      expect(await balanceOf(bob)).toBe(before + 40);

      const again = await post(`/desires/${d.id}/fulfil`, bob, { shaderId: shader });
      expect(again.status).toBe(409);
      expect((await post(`/desires/${d.id}/tip`, tipper, { points: 1 })).status).toBe(409);
    });

    it('enforces the rules: 404 unknown desire or shader, 403 not yours or own desire, 409 unpublished or private', async () => {
      const d = await newDesire(alice, 'crystal cave');
      const bobsPublished = await newShader(bob, 'published');
      const bobsDraft = await newShader(bob, 'draft');
      const bobsPrivate = await newShader(bob, 'published', 'private');
      const alicesPublished = await newShader(alice, 'published');
      const fulfil = (user: TestUser, shaderId: string, desireId = d.id) =>
        post<ErrorReply>(`/desires/${desireId}/fulfil`, user, { shaderId });

      expect((await fulfil(carol, bobsPublished, UNKNOWN)).status).toBe(404);
      expect((await fulfil(carol, UNKNOWN)).status).toBe(404);
      expect((await fulfil(carol, bobsDraft)).status).toBe(404); // someone else's draft is invisible
      expect((await fulfil(carol, bobsPublished)).status).toBe(403);
      expect((await fulfil(alice, alicesPublished)).status).toBe(403); // own desire
      expect((await fulfil(bob, bobsDraft)).status).toBe(409);
      expect((await fulfil(bob, bobsPrivate)).status).toBe(409);
      expect((await post(`/desires/${d.id}/fulfil`, bob, { shaderId: 'nope' })).status).toBe(422);
      expect((await post(`/desires/${d.id}/fulfil`, undefined, { shaderId: bobsPublished })).status).toBe(
        401,
      );
      expect((await get<Desire>(`/desires/${d.id}`)).body.status).toBe('open');
    });
  });

  describe('close', () => {
    it('lets the author close an open desire and refunds every tip', async () => {
      const d = await newDesire(alice, 'origami cranes');
      const t1 = await createUser(api, 'refund1');
      const t2 = await createUser(api, 'refund2');
      await post(`/desires/${d.id}/tip`, t1, { points: 25 });
      await post(`/desires/${d.id}/tip`, t1, { points: 5 });
      await post(`/desires/${d.id}/tip`, t2, { points: 60 });
      expect(await balanceOf(t1)).toBe(70);
      const res = await post<{ desire: Desire; refundedPoints: number }>(`/desires/${d.id}/close`, alice);
      expect(res.status).toBe(200);
      expect(res.body.desire.status).toBe('closed');
      expect(res.body.refundedPoints).toBe(90);
      expect(await balanceOf(t1)).toBe(100);
      expect(await balanceOf(t2)).toBe(100);
      expect((await post(`/desires/${d.id}/close`, alice)).status).toBe(409);
    });

    it('lets a moderator close any desire, and nobody else (403); 404 unknown, 401 anonymous', async () => {
      const d = await newDesire(alice, 'glitch art portrait');
      expect((await post(`/desires/${d.id}/close`, bob)).status).toBe(403);
      expect((await post(`/desires/${d.id}/close`, undefined)).status).toBe(401);
      expect((await post(`/desires/${UNKNOWN}/close`, mod)).status).toBe(404);
      const res = await post<{ desire: Desire }>(`/desires/${d.id}/close`, mod);
      expect(res.status).toBe(200);
      expect(res.body.desire.status).toBe('closed');
    });
  });

  describe('GET /desire-clusters', () => {
    it('lists clusters largest first with labels, sizes and the heat of their open desires', async () => {
      const v = toPgVector(await embedText('anything'));
      await api.db.pool.query(
        `INSERT INTO desire_clusters (label, centroid, size) VALUES ('huge cluster', $1, 50), ('tiny cluster', $1, 2)`,
        [v],
      );
      const res = await get<{ items: { label: string; size: number; heat: number; openCount: number }[] }>(
        '/desire-clusters?limit=100',
      );
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toMatchObject({ label: 'huge cluster', size: 50, heat: 0, openCount: 0 });
      const sizes = res.body.items.map((c) => c.size);
      expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
      const ocean = res.body.items.find((c) => c.label === 'ocean waves sunset');
      expect(ocean?.openCount).toBe(4);
      expect(ocean?.heat).toBeGreaterThan(0);
      expect((await get<{ items: unknown[] }>('/desire-clusters?limit=1')).body.items).toHaveLength(1);
      expect((await get('/desire-clusters?limit=0')).status).toBe(422);
    });
  });

  it('computes heat in SQL (worker) exactly as desire-heat.ts does (API)', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    for (const [supports, tips, size, hours] of [
      [0, 0, 1, 0],
      [3, 50, 4, 72],
      [12, 1000, 30, 500],
      [1, 0, 0, 1.5],
    ] as const) {
      const createdAt = new Date(now.getTime() - hours * 3_600_000);
      const { rows } = await api.db.pool.query<{ heat: number }>(
        'SELECT desire_heat($1, $2, $3, $4, $5) AS heat',
        [supports, tips, size, createdAt, now],
      );
      expect(rows[0]!.heat).toBeCloseTo(
        desireHeat({ supports, tipPoints: tips, clusterSize: size, createdAt, now }),
        9,
      );
    }
  });
});
