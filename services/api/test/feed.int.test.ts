import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForYouPage, Page, ShaderSummary, SimilarShader } from '@fractafrag/contracts';
import { NEW_SHADER_HOT_SCORE, hotScore } from '@fractafrag/ranking';
import { refreshHotScores, type SqlQueryable } from '@fractafrag/ranking/refresh';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import {
  MISSING_ID,
  hideSeedShaders,
  quickUser,
  seedShader,
  sparseVector,
  vectorLiteral,
} from './social-fixtures.ts';

interface ErrorReply {
  error: { code: string; message: string };
}
type ShaderPage = Page<ShaderSummary> & ErrorReply;

const text = (components: Record<number, number>) => sparseVector(256, components);
const visual = (components: Record<number, number>) => sparseVector(64, components);

describe('trending, new and top feeds', () => {
  let api: ApiHarness;
  let maker: TestUser;
  const feed = (path: string) => api.request<ShaderPage>('GET', `/api/v1/feed${path}`);

  beforeAll(async () => {
    api = await startApi();
    maker = await quickUser(api, 'feed_maker');
  });
  afterAll(() => api.close());

  it('gives the curated seed shaders a decayed prior hot score, so trending starts newest first', async () => {
    const trending = await feed('/trending?limit=100');
    expect(trending.status).toBe(200);
    expect(trending.body.items.length).toBeGreaterThanOrEqual(14);
    expect(trending.body.items.every((s) => s.hotScore > 0 && s.hotScore <= NEW_SHADER_HOT_SCORE)).toBe(true);
    const fresh = await feed('/new?limit=100');
    expect(trending.body.items.map((s) => s.id)).toEqual(fresh.body.items.map((s) => s.id));
  });

  it('starts a new row at the hot score of a just-published unvoted shader (the column default)', async () => {
    const { rows } = await api.db.pool.query<{ hot_score: number }>(
      `INSERT INTO shaders (author_id, title, status, published_at) VALUES ($1, 'Fresh', 'published', now())
       RETURNING hot_score`,
      [maker.id],
    );
    expect(rows[0]!.hot_score).toBe(NEW_SHADER_HOT_SCORE);
    const trending = await feed('/trending?limit=1');
    expect(trending.body.items[0]!.title).toBe('Fresh');
  });

  it('orders trending by hot score and pages it without repeats or gaps', async () => {
    const hot = await seedShader(api, maker.id, { title: 'Very hot', hotScore: 3 });
    const full = (await feed('/trending?limit=100')).body.items;
    expect(full[0]!.id).toBe(hot);
    const scores = full.map((s) => s.hotScore);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await feed(`/trending?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...res.body.items.map((s) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(full.map((s) => s.id));
  });

  it('pages the new feed with a cursor that keeps microsecond order', async () => {
    await api.db.pool.query(
      `INSERT INTO shaders (author_id, title, status, published_at)
       SELECT $1, 'Same ms ' || g, 'published', date_trunc('milliseconds', now()) + g * interval '1 microsecond'
       FROM generate_series(1, 5) g`,
      [maker.id],
    );
    const full = (await feed('/new?limit=100')).body.items.map((s) => s.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await feed(`/new?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...res.body.items.map((s) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(full);
  });

  describe('top', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      await hideSeedShaders(api);
      await api.db.pool.query(`UPDATE shaders SET deleted_at = now() WHERE author_id = $1`, [maker.id]);
      ids.hours = await seedShader(api, maker.id, {
        title: '2 hours',
        publishedHoursAgo: 2,
        votes: { up: 6, down: 1 },
      });
      ids.days = await seedShader(api, maker.id, {
        title: '3 days',
        publishedHoursAgo: 72,
        votes: { up: 12, down: 2 },
      });
      ids.weeks = await seedShader(api, maker.id, {
        title: '10 days',
        publishedHoursAgo: 240,
        votes: { up: 20, down: 0 },
      });
      ids.old = await seedShader(api, maker.id, {
        title: '40 days',
        publishedHoursAgo: 960,
        votes: { up: 60, down: 10 },
      });
      ids.disliked = await seedShader(api, maker.id, {
        title: 'disliked',
        publishedHoursAgo: 1,
        votes: { up: 0, down: 4 },
      });
    });
    const titles = async (period: string) =>
      (await feed(`/top?period=${period}`)).body.items.map((s) => s.title);

    it('ranks by net votes among shaders published within the period', async () => {
      expect(await titles('day')).toEqual(['2 hours', 'disliked']);
      expect(await titles('week')).toEqual(['3 days', '2 hours', 'disliked']);
      expect(await titles('month')).toEqual(['10 days', '3 days', '2 hours', 'disliked']);
      expect(await titles('all')).toEqual(['40 days', '10 days', '3 days', '2 hours', 'disliked']);
    });

    it('defaults to the week', async () => {
      expect((await feed('/top')).body.items.map((s) => s.title)).toEqual(await titles('week'));
    });

    it('pages top with a cursor without repeats or gaps', async () => {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await feed(`/top?period=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        walked.push(...res.body.items.map((s) => s.title));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(['40 days', '10 days', '3 days', '2 hours', 'disliked']);
    });

    it('rejects an unknown period or limit with 422 and a cursor from another feed with 400', async () => {
      expect((await feed('/top?period=year')).status).toBe(422);
      expect((await feed('/top?limit=500')).status).toBe(422);
      const trendingCursor = (await feed('/trending?limit=1')).body.nextCursor;
      expect((await feed(`/top?cursor=${trendingCursor}`)).status).toBe(400);
      expect((await feed('/new?cursor=%%%')).status).toBe(400);
    });
  });
});

describe('for you', () => {
  let api: ApiHarness;
  let fan: TestUser;
  let watcher: TestUser;
  let newcomer: TestUser;
  const ids: Record<string, string> = {};
  const forYou = (query = '', token?: string) =>
    api.request<ForYouPage & ErrorReply>('GET', `/api/v1/feed${query}`, { token });
  const setTaste = (userId: string, vector: number[]) =>
    api.db.pool.query('UPDATE users SET taste_vector = $2::vector WHERE id = $1', [
      userId,
      vectorLiteral(vector),
    ]);

  beforeAll(async () => {
    api = await startApi();
    await hideSeedShaders(api);
    const [a, b, c, d] = await Promise.all(
      ['fy_ann', 'fy_bo', 'fy_cy', 'fy_di'].map((n) => quickUser(api, n)),
    );
    fan = await quickUser(api, 'fy_fan');
    watcher = await quickUser(api, 'fy_watcher');
    newcomer = await quickUser(api, 'fy_newcomer');
    // Author A has the three closest matches to a taste for dimension 0, B the next two.
    ids.a1 = await seedShader(api, a!.id, {
      title: 'A1',
      textEmbedding: text({ 0: 1, 1: 0.05 }),
      publishedHoursAgo: 5,
    });
    ids.a2 = await seedShader(api, a!.id, {
      title: 'A2',
      textEmbedding: text({ 0: 1, 1: 0.1 }),
      publishedHoursAgo: 5,
    });
    ids.a3 = await seedShader(api, a!.id, {
      title: 'A3',
      textEmbedding: text({ 0: 1, 1: 0.2 }),
      publishedHoursAgo: 5,
    });
    ids.b1 = await seedShader(api, b!.id, {
      title: 'B1',
      textEmbedding: text({ 0: 1, 1: 0.4 }),
      publishedHoursAgo: 5,
    });
    ids.b2 = await seedShader(api, b!.id, {
      title: 'B2',
      textEmbedding: text({ 0: 1, 1: 0.6 }),
      publishedHoursAgo: 5,
    });
    // C: unrelated but trending; D: brand new, no embedding yet.
    ids.c = await seedShader(api, c!.id, {
      title: 'C',
      textEmbedding: text({ 2: 1 }),
      hotScore: 0.8,
      publishedHoursAgo: 5,
    });
    ids.d = await seedShader(api, d!.id, { title: 'D', publishedHoursAgo: 0.1 });
    // Never candidates: the reader's own shaders (fan's, though, is fair game for watcher) and
    // matches that are not listed.
    ids.fanOwn = await seedShader(api, fan.id, { title: 'fan own', textEmbedding: text({ 0: 1 }) });
    await seedShader(api, a!.id, {
      title: 'private match',
      visibility: 'private',
      textEmbedding: text({ 0: 1 }),
    });
    await seedShader(api, a!.id, { title: 'draft match', status: 'draft', textEmbedding: text({ 0: 1 }) });
    await setTaste(fan.id, text({ 0: 1 }));
    await setTaste(watcher.id, text({ 0: 1 }));
  });
  afterAll(() => api.close());

  it('ranks by taste, then spreads authors so none appears twice in a row', async () => {
    const res = await forYou('', fan.token);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('personal');
    expect(res.body.items.map((s) => s.title)).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'C', 'D']);
    const authors = res.body.items.map((s) => s.author.id);
    expect(authors.filter((a, i) => i > 0 && a === authors[i - 1])).toEqual([]);
  });

  it("skips the reader's own shaders and unlisted matches", async () => {
    const titles = (await forYou('?limit=100', fan.token)).body.items.map((s) => s.title);
    expect(titles).not.toContain('fan own');
    expect(titles).not.toContain('private match');
    expect(titles).not.toContain('draft match');
  });

  it('skips shaders the reader already viewed or voted on', async () => {
    expect(
      (
        await api.request('POST', `/api/v1/shaders/${ids.a1}/events`, {
          body: { kind: 'view' },
          token: watcher.token,
        })
      ).status,
    ).toBe(202);
    expect(
      (
        await api.request('PUT', `/api/v1/shaders/${ids.b1}/vote`, {
          body: { value: -1 },
          token: watcher.token,
        })
      ).status,
    ).toBe(200);
    const res = await forYou('', watcher.token);
    expect(res.body.source).toBe('personal');
    expect(res.body.items.map((s) => s.title)).toEqual(['fan own', 'A2', 'B2', 'A3', 'C', 'D']);
  });

  it('pages the personal feed with a cursor frozen in time: seeing page 1 does not shift page 2', async () => {
    const full = (await forYou('?limit=100', watcher.token)).body.items.map((s) => s.title);
    const first = await forYou('?limit=2', watcher.token);
    expect(first.body.items.map((s) => s.title)).toEqual(full.slice(0, 2));
    // The reader now views both shaders of page 1; page 2 must still start where page 1 ended.
    for (const s of first.body.items) {
      await api.request('POST', `/api/v1/shaders/${s.id}/events`, {
        body: { kind: 'view' },
        token: watcher.token,
      });
    }
    const walked = first.body.items.map((s) => s.title);
    let cursor = first.body.nextCursor;
    while (cursor) {
      const res = await forYou(`?limit=2&cursor=${cursor}`, watcher.token);
      expect(res.body.source).toBe('personal');
      walked.push(...res.body.items.map((s) => s.title));
      cursor = res.body.nextCursor;
    }
    expect(walked).toEqual(full);
    // A fresh first page now leaves out what was seen (and re-spreads the rest).
    const fresh = (await forYou('?limit=100', watcher.token)).body.items.map((s) => s.title);
    expect([...fresh].sort()).toEqual(full.slice(2).sort());
  });

  it('falls back to trending for anonymous callers and users without a taste vector', async () => {
    const trending = (await api.request<ShaderPage>('GET', '/api/v1/feed/trending?limit=5')).body;
    for (const token of [undefined, newcomer.token]) {
      const res = await forYou('?limit=5', token);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('trending');
      expect(res.body.items.map((s) => s.id)).toEqual(trending.items.map((s) => s.id));
      expect(res.body.items[0]!.title).toBe('C');
      const next = await forYou(`?limit=5&cursor=${res.body.nextCursor}`, token);
      expect(next.body.source).toBe('trending');
      expect(next.body.items.map((s) => s.id)).not.toContain(res.body.items[0]!.id);
    }
  });

  it('refuses a personal cursor without credentials (400) and validates limit (422)', async () => {
    const page = await forYou('?limit=1', fan.token);
    expect(page.body.nextCursor).not.toBeNull();
    const res = await forYou(`?cursor=${page.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect((await forYou('?limit=0', fan.token)).status).toBe(422);
  });
});

describe('similar shaders', () => {
  let api: ApiHarness;
  let owner: TestUser;
  let other: TestUser;
  const ids: Record<string, string> = {};
  const similar = (id: string, query = '', token?: string) =>
    api.request<{ items: SimilarShader[] } & ErrorReply>('GET', `/api/v1/shaders/${id}/similar${query}`, {
      token,
    });

  beforeAll(async () => {
    api = await startApi();
    owner = await quickUser(api, 'sim_owner');
    other = await quickUser(api, 'sim_other');
    ids.source = await seedShader(api, owner.id, {
      title: 'Source',
      textEmbedding: text({ 10: 1 }),
      visualEmbedding: visual({ 3: 1 }),
    });
    ids.textTwin = await seedShader(api, other.id, {
      title: 'Text twin',
      textEmbedding: text({ 10: 1, 11: 0.1 }),
      visualEmbedding: visual({ 40: 1 }),
    });
    ids.both = await seedShader(api, other.id, {
      title: 'Close both ways',
      textEmbedding: text({ 10: 1, 11: 0.5 }),
      visualEmbedding: visual({ 3: 1, 4: 0.1 }),
    });
    ids.lookalike = await seedShader(api, other.id, {
      title: 'Lookalike',
      visualEmbedding: visual({ 3: 1, 4: 0.3 }),
    });
    ids.far = await seedShader(api, other.id, {
      title: 'Far',
      textEmbedding: text({ 200: 1 }),
      visualEmbedding: visual({ 60: 1 }),
    });
    ids.hidden = await seedShader(api, other.id, {
      title: 'Private twin',
      visibility: 'private',
      textEmbedding: text({ 10: 1 }),
      visualEmbedding: visual({ 3: 1 }),
    });
    ids.draft = await seedShader(api, other.id, {
      title: 'Draft twin',
      status: 'draft',
      textEmbedding: text({ 10: 1 }),
    });
    ids.bare = await seedShader(api, owner.id, { title: 'No embeddings yet' });
  });
  afterAll(() => api.close());

  it('merges text and visual neighbours by reciprocal rank, closest first', async () => {
    const res = await similar(ids.source!, '?limit=3');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s) => s.title)).toEqual(['Close both ways', 'Text twin', 'Lookalike']);
    const [both, twin, look] = res.body.items;
    expect(both!.similarity.score).toBeCloseTo(1 / 62 + 1 / 61, 10);
    expect(both!.similarity.text).toBeCloseTo(1 / Math.sqrt(1.25), 5);
    expect(both!.similarity.visual).toBeCloseTo(1 / Math.sqrt(1.01), 5);
    expect(twin!.similarity.visual ?? 0).toBeCloseTo(0, 5); // orthogonal look: at best a tie at the tail
    expect(look!.similarity.text).toBeNull();
  });

  it('never returns the shader itself or anything not published and public', async () => {
    const titles = (await similar(ids.source!, '?limit=50')).body.items.map((s) => s.title);
    expect(titles).not.toContain('Source');
    expect(titles).not.toContain('Private twin');
    expect(titles).not.toContain('Draft twin');
    expect(titles).toContain('Far');
  });

  it('returns an empty list for a shader without embeddings', async () => {
    const res = await similar(ids.bare!);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('answers 404 for a missing shader or one the caller cannot see, and 422 for a bad limit', async () => {
    expect((await similar(MISSING_ID)).status).toBe(404);
    expect((await similar('nope')).status).toBe(404);
    expect((await similar(ids.hidden!)).status).toBe(404);
    expect((await similar(ids.hidden!, '', other.token)).status).toBe(200);
    expect((await similar(ids.source!, '?limit=51')).status).toBe(422);
  });
});

describe('periodic hot-score refresh', () => {
  let api: ApiHarness;
  let maker: TestUser;
  beforeAll(async () => {
    api = await startApi();
    maker = await quickUser(api, 'refresh_maker');
  });
  afterAll(() => api.close());

  const stored = async (id: string) =>
    (
      await api.db.pool.query<{
        hot_score: number;
        vote_up: number;
        vote_down: number;
        replay_count: number;
        view_count: number;
        dwell_ms_total: number;
        published_at: Date | null;
      }>(
        `SELECT hot_score, vote_up, vote_down, replay_count, view_count, dwell_ms_total, published_at
         FROM shaders WHERE id = $1`,
        [id],
      )
    ).rows[0]!;

  it('recomputes every published shader in batches with the same hotScore(), leaving drafts alone', async () => {
    const voted = await seedShader(api, maker.id, {
      publishedHoursAgo: 30,
      votes: { up: 7, down: 2 },
      hotScore: 0,
    });
    await api.db.pool.query(
      'UPDATE shaders SET replay_count = 12, view_count = 40, dwell_ms_total = 900000 WHERE id = $1',
      [voted],
    );
    const draft = await seedShader(api, maker.id, { status: 'draft', hotScore: 0.123 });
    const now = new Date();
    const { rows } = await api.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM shaders WHERE status = 'published' AND deleted_at IS NULL`,
    );
    const result = await refreshHotScores(api.db.pool, 4, now);
    expect(result).toEqual({ scanned: rows[0]!.n, updated: rows[0]!.n });
    const row = await stored(voted);
    expect(row.hot_score).toBeCloseTo(
      hotScore({
        up: 7,
        down: 2,
        replays: 12,
        views: 40,
        dwellMs: 900_000,
        publishedAt: row.published_at,
        now,
      }),
      12,
    );
    expect((await stored(draft)).hot_score).toBe(0.123);
  });

  it('skips a row whose counters changed after it was read (a vote wrote a fresher score)', async () => {
    const target = await seedShader(api, maker.id, { hotScore: 0.777 });
    let raced = false;
    const racing: SqlQueryable = {
      async query(textSql, values) {
        if (!raced && textSql.trimStart().startsWith('UPDATE')) {
          raced = true;
          await api.db.pool.query('UPDATE shaders SET vote_up = vote_up + 1 WHERE id = $1', [target]);
        }
        return api.db.pool.query(textSql, values);
      },
    };
    const result = await refreshHotScores(racing, 1000);
    expect(result.updated).toBe(result.scanned - 1);
    expect((await stored(target)).hot_score).toBe(0.777);
  });
});
