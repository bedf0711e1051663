import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementResult } from '@fractafrag/contracts';
import { hotScore } from '@fractafrag/ranking';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import { MISSING_ID, quickUser, seedShader } from './social-fixtures.ts';

interface ErrorReply {
  error: { code: string; message: string; details?: { path: string }[] };
}

describe('engagement events', () => {
  let api: ApiHarness;
  let author: TestUser;
  let viewer: TestUser;

  const send = (id: string, body: unknown, token?: string) =>
    api.request<EngagementResult & ErrorReply>('POST', `/api/v1/shaders/${id}/events`, { body, token });
  const counters = async (id: string) =>
    (
      await api.db.pool.query<{
        view_count: number;
        replay_count: number;
        dwell_ms_total: number;
        hot_score: number;
        published_at: Date;
        vote_up: number;
        vote_down: number;
      }>(
        `SELECT view_count, replay_count, dwell_ms_total, hot_score, published_at, vote_up, vote_down
         FROM shaders WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  /** Moves every recorded event of a shader back in time, as if the window had passed. */
  const age = (id: string, minutes: number) =>
    api.db.pool.query(
      `UPDATE engagement_events SET created_at = created_at - make_interval(mins => $2) WHERE shader_id = $1`,
      [id, minutes],
    );

  beforeAll(async () => {
    api = await startApi();
    author = await quickUser(api, 'eng_author');
    viewer = await quickUser(api, 'eng_viewer');
  });
  afterAll(() => api.close());

  it('requires a sessionId from anonymous callers (422 naming sessionId)', async () => {
    const id = await seedShader(api, author.id);
    const res = await send(id, { kind: 'view' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/sessionId/);
    expect(res.body.error.details?.[0]?.path).toBe('sessionId');
  });

  it('validates the event: unknown kind, dwell without dwellMs, dwellMs on a view, bad sessionId (422)', async () => {
    const id = await seedShader(api, author.id);
    const session = 'session-validate-1';
    for (const body of [
      { kind: 'like', sessionId: session },
      { kind: 'dwell', sessionId: session },
      { kind: 'view', dwellMs: 100, sessionId: session },
      { kind: 'dwell', dwellMs: -5, sessionId: session },
      { kind: 'view', sessionId: 'short' },
      { kind: 'view', sessionId: 'has spaces in it' },
    ]) {
      expect((await send(id, body)).status, JSON.stringify(body)).toBe(422);
    }
  });

  it('answers 404 for missing, malformed and invisible shaders', async () => {
    const draft = await seedShader(api, author.id, { status: 'draft' });
    const secret = await seedShader(api, author.id, { visibility: 'private' });
    for (const id of [MISSING_ID, 'nope', draft, secret]) {
      expect((await send(id, { kind: 'view' }, viewer.token)).status, id).toBe(404);
    }
  });

  it('counts an anonymous view once per session within 30 minutes, and again after the window', async () => {
    const id = await seedShader(api, author.id);
    expect((await send(id, { kind: 'view', sessionId: 'anon-session-a' })).body).toEqual({ counted: true });
    const repeat = await send(id, { kind: 'view', sessionId: 'anon-session-a' });
    expect(repeat.status).toBe(202);
    expect(repeat.body).toEqual({ counted: false });
    expect((await send(id, { kind: 'view', sessionId: 'anon-session-b' })).body).toEqual({ counted: true });
    expect((await counters(id)).view_count).toBe(2);

    await age(id, 31);
    expect((await send(id, { kind: 'view', sessionId: 'anon-session-a' })).body).toEqual({ counted: true });
    expect((await counters(id)).view_count).toBe(3);
  });

  it('de-duplicates a logged-in user by account, whatever session they send', async () => {
    const id = await seedShader(api, author.id);
    expect((await send(id, { kind: 'view', sessionId: 'tab-one-xyz' }, viewer.token)).body.counted).toBe(
      true,
    );
    expect((await send(id, { kind: 'view', sessionId: 'tab-two-xyz' }, viewer.token)).body.counted).toBe(
      false,
    );
    expect((await send(id, { kind: 'view' }, viewer.token)).body.counted).toBe(false);
    expect((await counters(id)).view_count).toBe(1);
  });

  it('counts a burst of identical concurrent views once', async () => {
    const id = await seedShader(api, author.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => send(id, { kind: 'view', sessionId: 'burst-session' })),
    );
    expect(results.filter((r) => r.body.counted)).toHaveLength(1);
    expect((await counters(id)).view_count).toBe(1);
  });

  it('counts replays (also through the /replay shorthand) and raises the hot score in the same write', async () => {
    const id = await seedShader(api, author.id, { publishedHoursAgo: 3 });
    const before = await counters(id);
    const first = await api.request<EngagementResult>('POST', `/api/v1/shaders/${id}/replay`, {
      body: { sessionId: 'replayer-one' },
    });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ counted: true });
    expect((await send(id, { kind: 'replay', sessionId: 'replayer-one' })).body.counted).toBe(false);
    expect((await send(id, { kind: 'replay' }, viewer.token)).body.counted).toBe(true);
    const after = await counters(id);
    expect(after.replay_count).toBe(2);
    expect(after.hot_score).toBeGreaterThan(before.hot_score);
    expect(after.hot_score).toBeCloseTo(
      hotScore({
        up: 0,
        down: 0,
        replays: 2,
        dwellMs: 0,
        views: 0,
        publishedAt: after.published_at,
        now: new Date(),
      }),
      6,
    );
    const anonymous = await api.request('POST', `/api/v1/shaders/${id}/replay`, { body: {} });
    expect(anonymous.status).toBe(422);
  });

  it('accumulates dwell per session up to 10 minutes per window, then stops counting', async () => {
    const id = await seedShader(api, author.id);
    const dwell = (ms: number) => send(id, { kind: 'dwell', dwellMs: ms, sessionId: 'dweller-1' });
    expect((await dwell(240_000)).body.counted).toBe(true);
    expect((await dwell(240_000)).body.counted).toBe(true);
    expect((await dwell(240_000)).body.counted).toBe(true); // only 120 000 of it fits under the cap
    expect((await dwell(1_000)).body.counted).toBe(false);
    expect((await counters(id)).dwell_ms_total).toBe(600_000);
    // another session has its own allowance
    expect((await send(id, { kind: 'dwell', dwellMs: 5_000, sessionId: 'dweller-2' })).body.counted).toBe(
      true,
    );
    expect((await counters(id)).dwell_ms_total).toBe(605_000);
    await age(id, 31);
    expect((await dwell(1_000)).body.counted).toBe(true);
    expect((await counters(id)).dwell_ms_total).toBe(606_000);
  });

  it("does not count an author's events on their own shader, nor events on archived shaders", async () => {
    const own = await seedShader(api, author.id);
    expect((await send(own, { kind: 'view' }, author.token)).body).toEqual({ counted: false });
    const ownDraft = await seedShader(api, author.id, { status: 'draft' });
    expect((await send(ownDraft, { kind: 'replay' }, author.token)).body).toEqual({ counted: false });
    const archived = await seedShader(api, author.id, { status: 'archived' });
    const res = await send(archived, { kind: 'view', sessionId: 'archive-visitor' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ counted: false });
    expect((await counters(own)).view_count).toBe(0);
  });

  it('records the event rows with the user or the session', async () => {
    const id = await seedShader(api, author.id);
    await send(id, { kind: 'view', sessionId: 'recorded-session' });
    await send(id, { kind: 'view' }, viewer.token);
    const { rows } = await api.db.pool.query<{ user_id: string | null; session_id: string | null }>(
      `SELECT user_id, session_id FROM engagement_events WHERE shader_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { user_id: null, session_id: 'recorded-session' },
      { user_id: viewer.id, session_id: null },
    ]);
  });
});
