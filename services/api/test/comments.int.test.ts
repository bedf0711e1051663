import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment, Page } from '@fractafrag/contracts';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import { MISSING_ID, quickUser, readOnlyApiKey, seedShader } from './social-fixtures.ts';

interface ErrorReply {
  error: { code: string; message: string };
}

describe('comments', () => {
  let api: ApiHarness;
  let author: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let moderator: TestUser;

  const post = (shaderId: string, body: unknown, token?: string) =>
    api.request<Comment & ErrorReply>('POST', `/api/v1/shaders/${shaderId}/comments`, { body, token });
  const list = (shaderId: string, query = '', token?: string) =>
    api.request<Page<Comment> & ErrorReply>('GET', `/api/v1/shaders/${shaderId}/comments${query}`, { token });
  const remove = (commentId: string, token?: string) =>
    api.request<ErrorReply>('DELETE', `/api/v1/comments/${commentId}`, { token });
  const commentCount = async (shaderId: string) =>
    (
      await api.db.pool.query<{ n: number }>('SELECT comment_count AS n FROM shaders WHERE id = $1', [
        shaderId,
      ])
    ).rows[0]!.n;

  beforeAll(async () => {
    api = await startApi();
    author = await quickUser(api, 'cm_author');
    alice = await quickUser(api, 'cm_alice');
    bob = await quickUser(api, 'cm_bob');
    moderator = await quickUser(api, 'cm_mod', 'moderator');
  });
  afterAll(() => api.close());

  it('lists no comments on a fresh shader', async () => {
    const id = await seedShader(api, author.id);
    const res = await list(id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('requires a login (401) and the write scope (403) to comment', async () => {
    const id = await seedShader(api, author.id);
    expect((await post(id, { body: 'hi' })).status).toBe(401);
    const key = await readOnlyApiKey(api, alice.id);
    expect((await post(id, { body: 'hi' }, key)).status).toBe(403);
  });

  it('rejects an empty, blank or over-long body with 422', async () => {
    const id = await seedShader(api, author.id);
    for (const body of [{}, { body: '' }, { body: '   ' }, { body: 'x'.repeat(5001) }]) {
      const res = await post(id, body, alice.token);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422);
    }
    expect((await post(id, { body: 'x'.repeat(5000) }, alice.token)).status).toBe(201);
  });

  it('hides comments of invisible shaders: 404 to list or post on a missing, draft or private shader', async () => {
    const draft = await seedShader(api, author.id, { status: 'draft' });
    const secret = await seedShader(api, author.id, { visibility: 'private' });
    for (const id of [MISSING_ID, 'bad-id', draft, secret]) {
      expect((await list(id)).status, id).toBe(404);
      expect((await post(id, { body: 'hello' }, alice.token)).status, id).toBe(404);
    }
    // the author sees their private shader's comments
    expect((await list(secret, '', author.token)).status).toBe(200);
  });

  it('refuses comments on an archived shader with 409, while still listing them', async () => {
    const id = await seedShader(api, author.id, { status: 'archived' });
    const res = await post(id, { body: 'too late' }, alice.token);
    expect(res.status).toBe(409);
    expect((await list(id)).status).toBe(200);
  });

  it('creates a comment (201) with its author and keeps comment_count', async () => {
    const id = await seedShader(api, author.id);
    const res = await post(id, { body: '  Lovely glow  ' }, alice.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      shaderId: id,
      parentId: null,
      author: { id: alice.id, username: 'cm_alice' },
      body: 'Lovely glow',
      deleted: false,
    });
    expect(await commentCount(id)).toBe(1);
  });

  it('lists oldest first across pages without repeats or gaps, even for comments in the same instant', async () => {
    const id = await seedShader(api, author.id);
    for (let i = 0; i < 5; i++) await post(id, { body: `comment ${i}` }, i % 2 ? alice.token : bob.token);
    // three more sharing one created_at, to exercise the id tie-break
    await api.db.pool.query(
      `INSERT INTO comments (shader_id, author_id, body, created_at)
       SELECT $1, $2, 'same instant ' || g, now() + interval '1 minute' FROM generate_series(1, 3) g`,
      [id, bob.id],
    );
    const seen: Comment[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(8);
    expect(new Set(seen.map((c) => c.id)).size).toBe(8);
    expect(seen.slice(0, 5).map((c) => c.body)).toEqual([0, 1, 2, 3, 4].map((i) => `comment ${i}`));
    const times = seen.map((c) => Date.parse(c.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('rejects a malformed cursor with 400 and a limit over 100 with 422', async () => {
    const id = await seedShader(api, author.id);
    expect((await list(id, '?cursor=garbage')).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['1', '00000000-0000-4000-8000-000000000001'])).toString(
      'base64url',
    );
    expect((await list(id, `?cursor=${forged}`)).status).toBe(400);
    expect((await list(id, '?limit=101')).status).toBe(422);
  });

  it('threads replies and refuses a parentId from another shader with 422', async () => {
    const id = await seedShader(api, author.id);
    const other = await seedShader(api, author.id);
    const parent = await post(id, { body: 'parent' }, alice.token);
    const reply = await post(id, { body: 'reply', parentId: parent.body.id }, bob.token);
    expect(reply.status).toBe(201);
    expect(reply.body.parentId).toBe(parent.body.id);
    const crossed = await post(other, { body: 'wrong thread', parentId: parent.body.id }, bob.token);
    expect(crossed.status).toBe(422);
    expect(crossed.body.error.message).toMatch(/parentId/);
    expect((await post(id, { body: 'x', parentId: MISSING_ID }, bob.token)).status).toBe(422);
    expect((await post(id, { body: 'x', parentId: 'not-a-uuid' }, bob.token)).status).toBe(422);
  });

  it("lets only the comment's author or a moderator delete it (403 for others, 401 anonymous)", async () => {
    const id = await seedShader(api, author.id);
    const c1 = await post(id, { body: 'mine' }, alice.token);
    const c2 = await post(id, { body: 'moderate me' }, alice.token);
    expect(await commentCount(id)).toBe(2);
    expect((await remove(c1.body.id)).status).toBe(401);
    const denied = await remove(c1.body.id, bob.token);
    expect(denied.status).toBe(403);
    // even the shader's author cannot delete someone else's comment
    expect((await remove(c1.body.id, author.token)).status).toBe(403);
    expect((await remove(c1.body.id, alice.token)).status).toBe(204);
    expect((await remove(c2.body.id, moderator.token)).status).toBe(204);
    expect(await commentCount(id)).toBe(0);
    expect((await list(id)).body.items).toEqual([]);
  });

  it('answers 404 when deleting a missing, malformed or already deleted comment', async () => {
    const id = await seedShader(api, author.id);
    const c = await post(id, { body: 'once' }, alice.token);
    expect((await remove(c.body.id, alice.token)).status).toBe(204);
    expect((await remove(c.body.id, alice.token)).status).toBe(404);
    expect((await remove(MISSING_ID, alice.token)).status).toBe(404);
    expect((await remove('zzz', alice.token)).status).toBe(404);
    expect(await commentCount(id)).toBe(0);
  });

  it('keeps a deleted comment as a placeholder while it has live replies', async () => {
    const id = await seedShader(api, author.id);
    const parent = await post(id, { body: 'question?' }, alice.token);
    await post(id, { body: 'answer!' }, bob.token);
    const reply = await post(id, { body: 'reply to question', parentId: parent.body.id }, bob.token);
    expect((await remove(parent.body.id, alice.token)).status).toBe(204);
    const items = (await list(id)).body.items;
    expect(items.map((c) => c.body)).toEqual([null, 'answer!', 'reply to question']);
    expect(items[0]).toMatchObject({ id: parent.body.id, deleted: true, author: null });
    expect((await post(id, { body: 'late', parentId: parent.body.id }, bob.token)).status).toBe(422);
    expect((await remove(reply.body.id, bob.token)).status).toBe(204);
    expect((await list(id)).body.items.map((c) => c.body)).toEqual(['answer!']);
    expect(await commentCount(id)).toBe(1);
  });
});
