import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, ShaderSummary } from '@fractafrag/contracts';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import { hideSeedShaders, quickUser, seedShader } from './social-fixtures.ts';

interface ErrorReply {
  error: { code: string; message: string };
}

type ShaderPage = Page<ShaderSummary> & ErrorReply;

describe('GET /shaders: search, filters, sorts and cursors', () => {
  let api: ApiHarness;
  let ada: TestUser;
  let ben: TestUser;
  const ids: Record<string, string> = {};

  const search = (query: string) => api.request<ShaderPage>('GET', `/api/v1/shaders${query}`);
  const titles = (page: ShaderPage) => page.items.map((s) => s.title);

  /** Follows nextCursor to the end with a small page size. */
  async function walk(query: string, limit = 3): Promise<ShaderSummary[]> {
    const all: ShaderSummary[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const sep = query ? '&' : '?';
      const res = await search(`${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return all;
    }
    throw new Error('pagination did not end');
  }

  beforeAll(async () => {
    api = await startApi();
    await hideSeedShaders(api);
    ada = await quickUser(api, 'Ada_Search');
    ben = await quickUser(api, 'ben_search');
    ids.aurora = await seedShader(api, ada.id, {
      title: 'Aurora Borealis Curtain',
      description: 'Northern lights over a frozen lake.',
      tags: ['aurora', 'night', 'glow'],
      publishedHoursAgo: 10,
      votes: { up: 9, down: 1 },
      hotScore: 0.5,
    });
    ids.glass = await seedShader(api, ben.id, {
      title: 'Voronoi Panes',
      description: 'Cells of stained glass with lead between them.',
      tags: ['voronoi', 'glass'],
      publishedHoursAgo: 8,
      votes: { up: 3, down: 0 },
      hotScore: 0.3,
    });
    ids.tunnel = await seedShader(api, ada.id, {
      title: 'Neon Tunnel',
      description: 'A raymarched tunnel that pulses to the beat.',
      tags: ['neon', 'glow', 'tunnel'],
      type: '3d',
      publishedHoursAgo: 6,
      votes: { up: 4, down: 2 },
      hotScore: 0.3,
    });
    ids.auroraMention = await seedShader(api, ben.id, {
      title: 'Lake Reflections',
      description: 'Mirror-like water; inspired by the aurora curtain.',
      tags: ['water'],
      type: 'audio-reactive',
      publishedHoursAgo: 4,
      votes: { up: 0, down: 3 },
      hotScore: 0.05,
    });
    // Rows nobody may list: a draft, a private one, an unlisted one and a deleted one, all titled Aurora.
    await seedShader(api, ada.id, { title: 'Aurora Draft', status: 'draft' });
    await seedShader(api, ada.id, { title: 'Aurora Private', visibility: 'private' });
    await seedShader(api, ada.id, { title: 'Aurora Unlisted', visibility: 'unlisted' });
    const gone = await seedShader(api, ada.id, { title: 'Aurora Deleted' });
    await api.db.pool.query('UPDATE shaders SET deleted_at = now() WHERE id = $1', [gone]);
    // Eight shaders sharing one published_at, hot score and net votes: only the id breaks those ties.
    await api.db.pool.query(
      `INSERT INTO shaders (author_id, title, status, visibility, published_at, hot_score, vote_up, vote_down, tags)
       SELECT $1, 'Twin ' || g, 'published', 'public', now() - interval '2 hours', 0.2, 2, 1, '{twin}'
       FROM generate_series(1, 8) g`,
      [ben.id],
    );
  });
  afterAll(() => api.close());

  it('lists newest first by default, and never drafts, private, unlisted or deleted shaders', async () => {
    const res = await search('?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(12);
    expect(titles(res.body).filter((t) => t.startsWith('Aurora'))).toEqual(['Aurora Borealis Curtain']);
    const published = res.body.items.map((s) => Date.parse(s.publishedAt!));
    expect([...published].sort((a, b) => b - a)).toEqual(published);
    expect(res.body.nextCursor).toBeNull();
  });

  it('finds a title despite a typo (trigram similarity)', async () => {
    const res = await search(`?q=${encodeURIComponent('Aurora Boreallis')}`);
    expect(res.status).toBe(200);
    expect(titles(res.body)[0]).toBe('Aurora Borealis Curtain');
    const single = await search('?q=Voronio');
    expect(titles(single.body)).toEqual(['Voronoi Panes']);
  });

  it('finds a shader by a word of its description (full text, stemmed)', async () => {
    const res = await search('?q=stained');
    expect(titles(res.body)).toEqual(['Voronoi Panes']);
    const stemmed = await search('?q=pulse');
    expect(titles(stemmed.body)).toEqual(['Neon Tunnel']);
  });

  it('ranks a title match above a description mention by relevance (the default with q)', async () => {
    const res = await search('?q=aurora');
    expect(titles(res.body)).toEqual(['Aurora Borealis Curtain', 'Lake Reflections']);
  });

  it('honours web-search syntax: a -word excludes', async () => {
    const res = await search(`?q=${encodeURIComponent('aurora -lake')}`);
    expect(titles(res.body)).not.toContain('Lake Reflections');
  });

  it('requires every listed tag, case-insensitively', async () => {
    const both = await search(`?tags=${encodeURIComponent('GLOW, neon')}&sort=new`);
    expect(titles(both.body)).toEqual(['Neon Tunnel']);
    const one = await search('?tags=glow&sort=new');
    expect(titles(one.body)).toEqual(['Neon Tunnel', 'Aurora Borealis Curtain']);
    expect((await search('?tags=glow,water')).body.items).toEqual([]);
  });

  it('filters by type and by author username (any case); an unknown author lists nothing', async () => {
    expect(titles((await search('?type=3d')).body)).toEqual(['Neon Tunnel']);
    expect(titles((await search('?type=audio-reactive')).body)).toEqual(['Lake Reflections']);
    const byAda = await search('?author=ada_search');
    expect(titles(byAda.body)).toEqual(['Neon Tunnel', 'Aurora Borealis Curtain']);
    expect(byAda.body.items.every((s) => s.author.username === 'Ada_Search')).toBe(true);
    expect((await search('?author=nobody_here')).body.items).toEqual([]);
    expect(titles((await search('?author=ada_search&tags=aurora&q=lights')).body)).toEqual([
      'Aurora Borealis Curtain',
    ]);
  });

  it('sorts by hot score and by net votes', async () => {
    const hot = (await search('?sort=hot&limit=100')).body.items;
    expect(hot[0]!.title).toBe('Aurora Borealis Curtain');
    // Voronoi Panes and Neon Tunnel tie at 0.3: the larger id comes first
    expect(hot.slice(1, 3).map((s) => s.id)).toEqual([ids.glass!, ids.tunnel!].sort().reverse());
    expect(hot.at(-1)!.title).toBe('Lake Reflections');
    const scores = hot.map((s) => s.hotScore);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const top = (await search('?sort=top&limit=100')).body.items;
    const net = top.map((s) => s.votes.up - s.votes.down);
    expect(net[0]).toBe(8);
    expect([...net].sort((a, b) => b - a)).toEqual(net);
    expect(top.at(-1)!.title).toBe('Lake Reflections');
  });

  for (const sort of ['new', 'hot', 'top'] as const) {
    it(`pages through sort=${sort} with the cursor without repeats or gaps, ties broken by id`, async () => {
      const full = (await search(`?sort=${sort}&limit=100`)).body.items;
      expect(full).toHaveLength(12);
      const walked = await walk(`?sort=${sort}`);
      expect(walked.map((s) => s.id)).toEqual(full.map((s) => s.id));
      const twins = walked.filter((s) => s.title.startsWith('Twin ')).map((s) => s.id);
      expect(twins).toHaveLength(8);
      expect([...twins].sort().reverse()).toEqual(twins);
    });
  }

  it('pages through relevance results with the cursor without repeats or gaps', async () => {
    const full = (await search('?q=twin&limit=100')).body.items;
    expect(full).toHaveLength(8);
    const walked = await walk('?q=twin');
    expect(walked.map((s) => s.id)).toEqual(full.map((s) => s.id));
  });

  it('rejects a cursor from another sort, and a malformed one, with 400', async () => {
    const hot = await search('?sort=hot&limit=2');
    const crossed = await search(`?sort=new&cursor=${hot.body.nextCursor}`);
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.message).toMatch(/another order/);
    expect((await search('?cursor=bm9wZQ')).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['new', 12, '00000000-0000-4000-8000-000000000001'])).toString(
      'base64url',
    );
    expect((await search(`?sort=new&cursor=${forged}`)).status).toBe(400);
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const uuid = '00000000-0000-4000-8000-000000000001';
    for (const [sort, cursor] of [
      ['new', forge(['new', '1', uuid])],
      ['top', forge(['top', 1e20, uuid])],
      ['top', forge(['top', 1.5, uuid])],
      ['hot', forge(['hot', 0.5, 'not-a-uuid'])],
    ] as const) {
      expect((await search(`?sort=${sort}&cursor=${cursor}`)).status, `${sort} ${cursor}`).toBe(400);
    }
  });

  it('validates parameters with 422: sort, type, limit bounds, relevance without q', async () => {
    for (const query of [
      '?sort=best',
      '?type=4d',
      '?limit=101',
      '?limit=0',
      '?sort=relevance',
      `?tags=${Array.from({ length: 11 }, (_, i) => `t${i}`).join(',')}`,
    ]) {
      const res = await search(query);
      expect(res.status, query).toBe(422);
    }
  });
});
