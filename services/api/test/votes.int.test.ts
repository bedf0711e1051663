import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoteState } from '@fractafrag/contracts';
import { hotScore } from '@fractafrag/ranking';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import { MISSING_ID, quickUser, readOnlyApiKey, seedShader } from './social-fixtures.ts';

interface ErrorReply {
  error: { code: string; message: string };
}

describe('votes', () => {
  let api: ApiHarness;
  let author: TestUser;
  let voter: TestUser;
  let shaderId: string;

  const vote = (id: string, value: unknown, token?: string) =>
    api.request<VoteState & ErrorReply>('PUT', `/api/v1/shaders/${id}/vote`, { body: { value }, token });
  const unvote = (id: string, token?: string) =>
    api.request<VoteState & ErrorReply>('DELETE', `/api/v1/shaders/${id}/vote`, { token });
  const storedShader = async (id: string) =>
    (
      await api.db.pool.query<{ vote_up: number; vote_down: number; hot_score: number; published_at: Date }>(
        'SELECT vote_up, vote_down, hot_score, published_at FROM shaders WHERE id = $1',
        [id],
      )
    ).rows[0]!;
  const expectedHot = (up: number, down: number, publishedAt: Date) =>
    hotScore({ up, down, replays: 0, dwellMs: 0, views: 0, publishedAt, now: new Date() });

  beforeAll(async () => {
    api = await startApi();
    author = await quickUser(api, 'vote_author');
    voter = await quickUser(api, 'vote_voter');
    shaderId = await seedShader(api, author.id, { title: 'Votable', publishedHoursAgo: 5 });
  });
  afterAll(() => api.close());

  it('requires a login to vote (401)', async () => {
    const res = await vote(shaderId, 1);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a read-only API key with 403', async () => {
    const key = await readOnlyApiKey(api, voter.id);
    const res = await vote(shaderId, 1, key);
    expect(res.status).toBe(403);
  });

  it('rejects a value other than 1 or -1 with 422', async () => {
    for (const value of [0, 2, '1', null]) {
      const res = await vote(shaderId, value, voter.token);
      expect(res.status, String(value)).toBe(422);
      expect(res.body.error.message).toMatch(/value/);
    }
  });

  it('answers 404 for a missing shader, a malformed id, and drafts or private shaders of others', async () => {
    const draft = await seedShader(api, author.id, { status: 'draft' });
    const secret = await seedShader(api, author.id, { visibility: 'private' });
    for (const id of [MISSING_ID, 'not-a-uuid', draft, secret]) {
      expect((await vote(id, 1, voter.token)).status, id).toBe(404);
      expect((await unvote(id, voter.token)).status, id).toBe(404);
    }
  });

  it('refuses a vote on your own shader with 403', async () => {
    const res = await vote(shaderId, 1, author.token);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/own shader/);
    expect((await storedShader(shaderId)).vote_up).toBe(0);
  });

  it('refuses votes on an archived shader (409) and on your own draft (403)', async () => {
    const archived = await seedShader(api, author.id, { status: 'archived' });
    const res = await vote(archived, 1, voter.token);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/archived/);
    const draft = await seedShader(api, voter.id, { status: 'draft' });
    expect((await vote(draft, 1, voter.token)).status).toBe(403);
  });

  it('counts an up-vote and recomputes the hot score in the same write', async () => {
    const res = await vote(shaderId, 1, voter.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shaderId, votes: { up: 1, down: 0 }, myVote: 1 });
    const stored = await storedShader(shaderId);
    expect(stored).toMatchObject({ vote_up: 1, vote_down: 0 });
    expect(stored.hot_score).toBe(res.body.hotScore);
    expect(res.body.hotScore).toBeCloseTo(expectedHot(1, 0, stored.published_at), 6);
  });

  it('keeps one vote per user: repeating it changes nothing', async () => {
    const res = await vote(shaderId, 1, voter.token);
    expect(res.body).toMatchObject({ votes: { up: 1, down: 0 }, myVote: 1 });
  });

  it('switches an up-vote to a down-vote, moving the count and lowering the hot score', async () => {
    const before = await storedShader(shaderId);
    const res = await vote(shaderId, -1, voter.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ votes: { up: 0, down: 1 }, myVote: -1 });
    expect(res.body.hotScore).toBeLessThan(before.hot_score);
    expect(res.body.hotScore).toBeCloseTo(expectedHot(0, 1, before.published_at), 6);
  });

  it("reports the caller's vote with GET, and 401 without a login", async () => {
    const mine = await api.request<VoteState>('GET', `/api/v1/shaders/${shaderId}/vote`, {
      token: voter.token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ myVote: -1, votes: { up: 0, down: 1 } });
    const theirs = await api.request<VoteState>('GET', `/api/v1/shaders/${shaderId}/vote`, {
      token: author.token,
    });
    expect(theirs.body.myVote).toBeNull();
    expect((await api.request('GET', `/api/v1/shaders/${shaderId}/vote`)).status).toBe(401);
  });

  it('removes the vote with DELETE, restoring counts and score, and DELETE again is a no-op', async () => {
    const res = await unvote(shaderId, voter.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ votes: { up: 0, down: 0 }, myVote: null });
    const stored = await storedShader(shaderId);
    expect(res.body.hotScore).toBeCloseTo(expectedHot(0, 0, stored.published_at), 6);
    const again = await unvote(shaderId, voter.token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ votes: { up: 0, down: 0 }, myVote: null });
    expect((await unvote(shaderId)).status).toBe(401);
  });

  it('loses no update under concurrent votes: counters and hot score match the votes table', async () => {
    const target = await seedShader(api, author.id, { publishedHoursAgo: 2 });
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => quickUser(api, `crowd_${i}`)));
    // 10 users vote at once (7 up, 3 down), and while that runs three of them switch.
    await Promise.all(users.map((u, i) => vote(target, i < 7 ? 1 : -1, u.token)));
    const results = await Promise.all([
      vote(target, -1, users[0]!.token),
      vote(target, -1, users[1]!.token),
      unvote(target, users[9]!.token),
      ...users.slice(2, 9).map((u, i) => vote(target, i + 2 < 7 ? 1 : -1, u.token)),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const stored = await storedShader(target);
    const { rows } = await api.db.pool.query<{ up: number; down: number }>(
      `SELECT count(*) FILTER (WHERE value = 1)::int AS up, count(*) FILTER (WHERE value = -1)::int AS down
       FROM votes WHERE shader_id = $1`,
      [target],
    );
    expect(rows[0]).toEqual({ up: 5, down: 4 });
    expect(stored).toMatchObject({ vote_up: 5, vote_down: 4 });
    expect(stored.hot_score).toBeCloseTo(expectedHot(5, 4, stored.published_at), 6);
  });
});
