import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Page,
  RenderJob,
  RenderStatus,
  ShaderDetail,
  ShaderSummary,
  ShaderVersionDetail,
  ShaderVersionSummary,
  ValidateResponse,
} from '@fractafrag/contracts';
import { startRenderer, type RendererProcess } from '../../../tests/support/renderer-process.ts';
import { createUser, startApi, TEST_REDIS_URL, type ApiHarness, type TestUser } from './api-harness.ts';

const MAIN = (body: string) => `void mainImage(out vec4 c, in vec2 p) { ${body} }`;
const V1 = { passes: [{ name: 'Image', code: MAIN('c = vec4(p / iResolution.xy, 0.5, 1.0);') }] };
const V2 = { passes: [{ name: 'Image', code: MAIN('c = vec4(0.2, p / iResolution.xy, 1.0);') }] };
const V1_NORMALISED = { common: '', passes: [{ ...V1.passes[0]!, channels: [] }] };
const RGBA_MEDIUM = '/media/a/f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb.png';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe('shader lifecycle: edit, status, delete, mine, fork, versions, render, validate, Shadertoy', () => {
  let api: ApiHarness;
  let renderer: RendererProcess;
  let alice: TestUser;
  let bob: TestUser;
  let mod: TestUser;

  const url = (path: string) => `/api/v1${path}`;
  async function create(user: TestUser, body: Record<string, unknown>): Promise<ShaderDetail> {
    const res = await api.request<ShaderDetail>('POST', url('/shaders'), {
      token: user.token,
      body: { title: 'Untitled', source: V1, ...body },
    });
    expect(res.status).toBe(201);
    return res.body;
  }
  async function waitingJobs(shaderId: string): Promise<RenderJob[]> {
    const jobs = await api.renderQueue.queue.getJobs(['waiting', 'prioritized', 'delayed']);
    return jobs.map((j) => j.data as RenderJob).filter((d) => d.shaderId === shaderId);
  }

  beforeAll(async () => {
    renderer = await startRenderer();
    api = await startApi({ rendererUrl: renderer.url });
    alice = await createUser(api, 'alice');
    bob = await createUser(api, 'bob');
    mod = await createUser(api, 'mod', 'moderator');
  });
  afterAll(async () => {
    await api?.close();
    await renderer?.stop();
  });

  describe('PATCH /shaders/:id', () => {
    it('requires a token (401), refuses non-authors who can see it (403) and hides drafts from them (404)', async () => {
      const pub = await create(alice, { status: 'published' });
      const draft = await create(alice, {});
      expect((await api.request('PATCH', url(`/shaders/${pub.id}`), { body: { title: 'x' } })).status).toBe(
        401,
      );
      const forbidden = await api.request<ErrorBody>('PATCH', url(`/shaders/${pub.id}`), {
        token: bob.token,
        body: { title: 'mine now' },
      });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.message).toMatch(/author/);
      const hidden = await api.request('PATCH', url(`/shaders/${draft.id}`), {
        token: bob.token,
        body: { title: 'x' },
      });
      expect(hidden.status).toBe(404);
      const missing = await api.request('PATCH', url('/shaders/00000000-0000-4000-8000-00000000dead'), {
        token: alice.token,
        body: { title: 'x' },
      });
      expect(missing.status).toBe(404);
    });

    it('rejects an empty edit, a change note without a source and malformed fields with 422', async () => {
      const s = await create(alice, {});
      for (const body of [
        {},
        { changeNote: 'why' },
        { tags: ['Not Valid!'] },
        { thumbnailTime: -1 },
        { source: { passes: [] } },
      ]) {
        const res = await api.request<ErrorBody>('PATCH', url(`/shaders/${s.id}`), {
          token: alice.token,
          body,
        });
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(res.body.error.code).toBe('validation_failed');
      }
    });

    it('changes metadata without making a version', async () => {
      const s = await create(alice, {});
      const res = await api.request<ShaderDetail>('PATCH', url(`/shaders/${s.id}`), {
        token: alice.token,
        body: {
          title: 'Renamed',
          description: 'New words',
          tags: ['Glow'],
          type: '3d',
          visibility: 'unlisted',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Renamed',
        description: 'New words',
        tags: ['glow'],
        type: '3d',
        visibility: 'unlisted',
        currentVersion: 1,
      });
    });

    it('turns a new source into version 2 with its change note, resets the render to queued and enqueues it', async () => {
      const s = await create(alice, { status: 'published' });
      await api.db.pool.query(
        `UPDATE shaders SET render_state = 'failed', render_error = 'old' WHERE id = $1`,
        [s.id],
      );
      const res = await api.request<ShaderDetail>('PATCH', url(`/shaders/${s.id}`), {
        token: alice.token,
        body: { source: V2, changeNote: 'Swap the channels' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ currentVersion: 2, renderState: 'queued', renderError: null });
      expect(res.body.source.passes[0]!.code).toBe(V2.passes[0]!.code);
      expect((await waitingJobs(s.id)).map((j) => j.version).sort()).toEqual([1, 2]);
      const versions = await api.request<Page<ShaderVersionSummary>>('GET', url(`/shaders/${s.id}/versions`));
      expect(versions.body.items.map((v) => [v.version, v.changeNote, v.isCurrent])).toEqual([
        [2, 'Swap the channels', true],
        [1, 'Initial version', false],
      ]);
    });

    it('makes no new version for an unchanged source (same code hash)', async () => {
      const s = await create(alice, {});
      const res = await api.request<ShaderDetail>('PATCH', url(`/shaders/${s.id}`), {
        token: alice.token,
        body: { source: V1, changeNote: 'nothing really', title: 'Same code' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ currentVersion: 1, title: 'Same code' });
      const versions = await api.request<Page<ShaderVersionSummary>>(
        'GET',
        url(`/shaders/${s.id}/versions`),
        {
          token: alice.token,
        },
      );
      expect(versions.body.items).toHaveLength(1);
    });

    it('re-renders the current version when only the thumbnail time changes', async () => {
      const s = await create(alice, {});
      await api.renderQueue.queue.obliterate({ force: true });
      await api.db.pool.query(`UPDATE shaders SET render_state = 'ready' WHERE id = $1`, [s.id]);
      const res = await api.request<ShaderDetail>('PATCH', url(`/shaders/${s.id}`), {
        token: alice.token,
        body: { thumbnailTime: 4.5 },
      });
      expect(res.body).toMatchObject({ currentVersion: 1, thumbnailTime: 4.5, renderState: 'queued' });
      expect((await waitingJobs(s.id)).map((j) => j.version)).toEqual([1]);
    });
  });

  describe('POST /shaders/:id/status and DELETE /shaders/:id', () => {
    it('allows draft→published→archived→published only, setting publishedAt once; 409 names the allowed moves', async () => {
      const s = await create(alice, {});
      expect(s.publishedAt).toBeNull();
      const move = (status: string, token = alice.token) =>
        api.request<ShaderDetail & ErrorBody>('POST', url(`/shaders/${s.id}/status`), {
          token,
          body: { status },
        });

      const archivedDraft = await move('archived');
      expect(archivedDraft.status).toBe(409);
      expect(archivedDraft.body.error.details).toEqual({
        from: 'draft',
        to: 'archived',
        allowed: ['published'],
      });

      const published = await move('published');
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      const firstPublishedAt = published.body.publishedAt;
      expect(firstPublishedAt).not.toBeNull();

      const backToDraft = await move('draft');
      expect(backToDraft.status).toBe(409);
      expect(backToDraft.body.error.message).toMatch(/can become: archived/);
      expect((await move('published')).status).toBe(409);

      expect((await move('archived')).body.status).toBe('archived');
      expect((await move('draft')).status).toBe(409);
      const republished = await move('published');
      expect(republished.body).toMatchObject({ status: 'published', publishedAt: firstPublishedAt });

      expect((await move('archived', bob.token)).status).toBe(403);
      expect((await move('bogus')).status).toBe(422);
      expect(
        (await api.request('POST', url(`/shaders/${s.id}/status`), { body: { status: 'archived' } })).status,
      ).toBe(401);
    });

    it('soft-deletes for the author (204), after which every route answers 404', async () => {
      const s = await create(alice, { status: 'published' });
      expect((await api.request('DELETE', url(`/shaders/${s.id}`))).status).toBe(401);
      expect((await api.request('DELETE', url(`/shaders/${s.id}`), { token: bob.token })).status).toBe(403);
      const deleted = await api.request('DELETE', url(`/shaders/${s.id}`), { token: alice.token });
      expect(deleted.status).toBe(204);
      for (const [method, path, body] of [
        ['GET', `/shaders/${s.id}`],
        ['GET', `/shaders/${s.id}/versions`],
        ['GET', `/shaders/${s.id}/versions/1`],
        ['GET', `/shaders/${s.id}/render`],
        ['GET', `/shaders/${s.id}/export`],
        ['PATCH', `/shaders/${s.id}`, { title: 'ghost' }],
        ['POST', `/shaders/${s.id}/fork`, {}],
        ['POST', `/shaders/${s.id}/render`],
        ['DELETE', `/shaders/${s.id}`],
      ] as const) {
        const res = await api.request(method, url(path), { token: alice.token, body });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
      const mine = await api.request<Page<ShaderSummary>>('GET', url('/shaders/mine?limit=100'), {
        token: alice.token,
      });
      expect(mine.body.items.some((i) => i.id === s.id)).toBe(false);
    });

    it("lets a moderator delete anyone's shader, even a private draft", async () => {
      const s = await create(bob, { visibility: 'private' });
      expect((await api.request('DELETE', url(`/shaders/${s.id}`), { token: mod.token })).status).toBe(204);
      expect((await api.request('GET', url(`/shaders/${s.id}`), { token: bob.token })).status).toBe(404);
    });
  });

  describe('GET /shaders/mine', () => {
    it('lists only the caller’s shaders (drafts and private too), filters by status and pages without repeats', async () => {
      const carol = await createUser(api, 'carol');
      const made = [
        await create(carol, { title: 'c1' }),
        await create(carol, { title: 'c2', status: 'published', visibility: 'private' }),
        await create(carol, { title: 'c3', status: 'published', visibility: 'unlisted' }),
        await create(carol, { title: 'c4' }),
        await create(carol, { title: 'c5', status: 'published' }),
      ];
      expect((await api.request('GET', url('/shaders/mine'))).status).toBe(401);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: Page<ShaderSummary> } = await api.request<Page<ShaderSummary>>(
          'GET',
          url(`/shaders/mine?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
          { token: carol.token },
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(made.map((m) => m.id).reverse());

      const drafts = await api.request<Page<ShaderSummary>>('GET', url('/shaders/mine?status=draft'), {
        token: carol.token,
      });
      expect(drafts.body.items.map((i) => i.title)).toEqual(['c4', 'c1']);
      expect(
        (await api.request('GET', url('/shaders/mine?status=gone'), { token: carol.token })).status,
      ).toBe(422);
      expect((await api.request('GET', url('/shaders/mine?limit=101'), { token: carol.token })).status).toBe(
        422,
      );
      expect(
        (await api.request('GET', url('/shaders/mine?cursor=garbage'), { token: carol.token })).status,
      ).toBe(400);
    });
  });

  describe('versions', () => {
    it('keeps versions immutable: the database refuses an UPDATE and old versions keep their source', async () => {
      const s = await create(alice, {});
      await api.request('PATCH', url(`/shaders/${s.id}`), { token: alice.token, body: { source: V2 } });
      await expect(
        api.db.pool.query(`UPDATE shader_versions SET change_note = 'rewritten' WHERE shader_id = $1`, [
          s.id,
        ]),
      ).rejects.toThrow(/immutable/);
      const v1 = await api.request<ShaderVersionDetail>('GET', url(`/shaders/${s.id}/versions/1`), {
        token: alice.token,
      });
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({
        version: 1,
        isCurrent: false,
        source: V1_NORMALISED,
        author: { id: alice.id, username: 'alice' },
      });
      expect(v1.body.codeHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('pages versions newest first and answers 404 for hidden shaders or missing versions, 422 for a bad number', async () => {
      const s = await create(alice, {});
      for (const n of [2, 3]) {
        await api.request('PATCH', url(`/shaders/${s.id}`), {
          token: alice.token,
          body: {
            source: { passes: [{ name: 'Image', code: MAIN(`c = vec4(${n}.0 / 4.0);`) }] },
            changeNote: `v${n}`,
          },
        });
      }
      const first = await api.request<Page<ShaderVersionSummary>>(
        'GET',
        url(`/shaders/${s.id}/versions?limit=2`),
        {
          token: alice.token,
        },
      );
      expect(first.body.items.map((v) => v.version)).toEqual([3, 2]);
      const second = await api.request<Page<ShaderVersionSummary>>(
        'GET',
        url(`/shaders/${s.id}/versions?limit=2&cursor=${first.body.nextCursor}`),
        { token: alice.token },
      );
      expect(second.body).toMatchObject({ items: [{ version: 1 }], nextCursor: null });
      expect((await api.request('GET', url(`/shaders/${s.id}/versions`), { token: bob.token })).status).toBe(
        404,
      );
      expect(
        (await api.request('GET', url(`/shaders/${s.id}/versions/9`), { token: alice.token })).status,
      ).toBe(404);
      expect(
        (await api.request('GET', url(`/shaders/${s.id}/versions/abc`), { token: alice.token })).status,
      ).toBe(422);
    });

    it('restores an old version as a NEW version with "Restored from vN", and enqueues its render', async () => {
      const s = await create(alice, { status: 'published' });
      await api.request('PATCH', url(`/shaders/${s.id}`), { token: alice.token, body: { source: V2 } });
      const restore = (version: number, token = alice.token, body = {}) =>
        api.request<ShaderVersionDetail & ErrorBody>(
          'POST',
          url(`/shaders/${s.id}/versions/${version}/restore`),
          {
            token,
            body,
          },
        );
      const restored = await restore(1);
      expect(restored.status).toBe(201);
      expect(restored.headers.get('location')).toBe(`/api/v1/shaders/${s.id}/versions/3`);
      expect(restored.body).toMatchObject({
        version: 3,
        changeNote: 'Restored from v1',
        isCurrent: true,
        source: V1_NORMALISED,
      });
      const shader = await api.request<ShaderDetail>('GET', url(`/shaders/${s.id}`));
      expect(shader.body).toMatchObject({ currentVersion: 3, renderState: 'queued' });
      expect((await waitingJobs(s.id)).map((j) => j.version)).toContain(3);

      const again = await restore(1);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/same source as the current version 3/);
      const noted = await restore(2, alice.token, { changeNote: 'Back to blue' });
      expect(noted.body).toMatchObject({ version: 4, changeNote: 'Back to blue' });
      expect((await restore(1, bob.token)).status).toBe(403);
      expect((await restore(99)).status).toBe(404);
      expect(
        (await api.request('POST', url(`/shaders/${s.id}/versions/1/restore`), { body: {} })).status,
      ).toBe(401);
    });
  });

  describe('POST /shaders/:id/fork', () => {
    it('forks a published shader into the caller’s draft, recording lineage and counting the fork', async () => {
      const original = await create(alice, { title: 'Plasma', status: 'published', tags: ['plasma'] });
      await api.request('PATCH', url(`/shaders/${original.id}`), {
        token: alice.token,
        body: { source: V2 },
      });
      const fork = await api.request<ShaderDetail>('POST', url(`/shaders/${original.id}/fork`), {
        token: bob.token,
        body: {},
      });
      expect(fork.status).toBe(201);
      expect(fork.headers.get('location')).toBe(`/api/v1/shaders/${fork.body.id}`);
      expect(fork.body).toMatchObject({
        title: 'Fork of Plasma',
        status: 'draft',
        tags: ['plasma'],
        author: { id: bob.id },
        currentVersion: 1,
        forkedFrom: { shaderId: original.id, version: 2 },
      });
      expect(fork.body.source.passes[0]!.code).toBe(V2.passes[0]!.code);
      expect((await waitingJobs(fork.body.id)).map((j) => j.version)).toEqual([1]);

      const older = await api.request<ShaderDetail>('POST', url(`/shaders/${original.id}/fork`), {
        token: bob.token,
        body: { version: 1, title: 'My plasma' },
      });
      expect(older.body).toMatchObject({
        title: 'My plasma',
        forkedFrom: { shaderId: original.id, version: 1 },
      });
      expect(older.body.source).toEqual(V1_NORMALISED);
      const after = await api.request<ShaderDetail>('GET', url(`/shaders/${original.id}`));
      expect(after.body.forkCount).toBe(2);
    });

    it('refuses to fork what the caller cannot see (404), an archived shader of someone else (403), a missing version (404)', async () => {
      const draft = await create(alice, {});
      const priv = await create(alice, { status: 'published', visibility: 'private' });
      const archived = await create(alice, { status: 'published' });
      await api.request('POST', url(`/shaders/${archived.id}/status`), {
        token: alice.token,
        body: { status: 'archived' },
      });
      const fork = (id: string, token: string | undefined, body: object = {}) =>
        api.request('POST', url(`/shaders/${id}/fork`), { token, body });
      expect((await fork(draft.id, bob.token)).status).toBe(404);
      expect((await fork(priv.id, bob.token)).status).toBe(404);
      expect((await fork(archived.id, bob.token)).status).toBe(403);
      expect((await fork(archived.id, undefined)).status).toBe(401);
      expect((await fork(archived.id, alice.token)).status).toBe(201);
      expect((await fork(draft.id, alice.token)).status).toBe(201);
      expect((await fork(draft.id, alice.token, { version: 5 })).status).toBe(404);
      expect((await fork(draft.id, alice.token, { title: '' })).status).toBe(422);
    });
  });

  describe('render status and re-render', () => {
    it('reports the current version’s state, error, thumbnail and artifacts', async () => {
      const s = await create(alice, { status: 'published' });
      const queued = await api.request<RenderStatus>('GET', url(`/shaders/${s.id}/render`));
      expect(queued.body).toMatchObject({
        state: 'queued',
        error: null,
        thumbnailUrl: null,
        renderedVersion: null,
        renders: [],
      });
      // What the worker writes after a successful render.
      await api.db.pool.query(
        `INSERT INTO renders (shader_id, version, kind, path, width, height, format, bytes, render_ms)
         VALUES ($1, 1, 'thumbnail', $2, 640, 360, 'webp', 1234, 56)`,
        [s.id, `${s.id.slice(0, 2)}/${s.id}-v1-thumb-abc.webp`],
      );
      await api.db.pool.query(
        `UPDATE shaders SET render_state = 'ready', rendered_version = 1, thumbnail_path = $2 WHERE id = $1`,
        [s.id, `${s.id.slice(0, 2)}/${s.id}-v1-thumb-abc.webp`],
      );
      const ready = await api.request<RenderStatus>('GET', url(`/shaders/${s.id}/render`));
      expect(ready.body).toMatchObject({
        state: 'ready',
        renderedVersion: 1,
        currentVersion: 1,
        thumbnailTime: 2,
        thumbnailUrl: `/renders/${s.id.slice(0, 2)}/${s.id}-v1-thumb-abc.webp`,
        renders: [
          {
            kind: 'thumbnail',
            width: 640,
            height: 360,
            format: 'webp',
            bytes: 1234,
            renderMs: 56,
            isBlank: false,
          },
        ],
      });
    });

    it('re-enqueues the current version for the author or a moderator (202), replacing a finished job', async () => {
      const s = await create(alice, { status: 'published' });
      // A worker finishes every pending job, so the deterministic job id is now taken by a completed job.
      const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      const worker = new Worker('render', () => Promise.resolve('done'), {
        connection,
        prefix: api.renderQueue.queue.opts.prefix,
      });
      const jobId = (await api.renderQueue.queue.getJobs(['waiting'])).find(
        (j) => (j.data as RenderJob).shaderId === s.id,
      )!.id!;
      for (let i = 0; i < 100 && (await api.renderQueue.queue.getJobState(jobId)) !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await worker.close();
      connection.disconnect();
      expect(await api.renderQueue.queue.getJobState(jobId)).toBe('completed');
      await api.db.pool.query(
        `UPDATE shaders SET render_state = 'failed', render_error = 'boom' WHERE id = $1`,
        [s.id],
      );

      expect((await api.request('POST', url(`/shaders/${s.id}/render`))).status).toBe(401);
      expect((await api.request('POST', url(`/shaders/${s.id}/render`), { token: bob.token })).status).toBe(
        403,
      );
      const res = await api.request('POST', url(`/shaders/${s.id}/render`), { token: alice.token });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ shaderId: s.id, version: 1, state: 'queued' });
      expect(await api.renderQueue.queue.getJobState(jobId)).toBe('waiting');
      const status = await api.request<RenderStatus>('GET', url(`/shaders/${s.id}/render`));
      expect(status.body).toMatchObject({ state: 'queued', error: null });

      const privateOne = await create(bob, { visibility: 'private' });
      expect(
        (await api.request('POST', url(`/shaders/${privateOne.id}/render`), { token: mod.token })).status,
      ).toBe(202);
      expect(
        (await api.request('POST', url(`/shaders/${privateOne.id}/render`), { token: alice.token })).status,
      ).toBe(404);
    });
  });

  describe('POST /shaders/validate (real renderer)', () => {
    it('compiles a good source with no errors', async () => {
      const res = await api.request<ValidateResponse>('POST', url('/shaders/validate'), {
        body: { source: V1 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, errors: [] });
    });

    it("reports a compile error on the author's own line number and pass", async () => {
      const code = [
        'void mainImage(out vec4 c, in vec2 p) {',
        '  vec3 col = vec3(1.0);',
        '  col = notAFunction(col);',
        '  c = vec4(col, 1.0);',
        '}',
      ].join('\n');
      const res = await api.request<ValidateResponse>('POST', url('/shaders/validate'), {
        body: {
          source: { common: 'float helper(float x) { return x; }', passes: [{ name: 'Image', code }] },
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.errors[0]).toMatchObject({ pass: 'Image', line: 3 });
      expect(res.body.errors[0]!.message).toMatch(/notAFunction/);
    });

    it('rejects a source without an Image pass with 422', async () => {
      const res = await api.request('POST', url('/shaders/validate'), {
        body: { source: { passes: [{ name: 'Buffer A', code: MAIN('c = vec4(1);') }] } },
      });
      expect(res.status).toBe(422);
    });

    it('answers 503 with a clear message when the renderer is unreachable', async () => {
      const offline = await startApi({ rendererUrl: 'http://127.0.0.1:9' });
      try {
        const res = await offline.request<ErrorBody>('POST', url('/shaders/validate'), {
          body: { source: V1 },
        });
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('renderer_unavailable');
        expect(res.body.error.message).toMatch(/unreachable/);
      } finally {
        await offline.close();
      }
    });
  });

  describe('Shadertoy import and export', () => {
    const apiShape = {
      Shader: {
        ver: '0.1',
        info: {
          id: 'XsXXDn',
          name: 'Imported Trail',
          username: 'someone',
          description: 'From Shadertoy',
          tags: ['Feedback', 'trail'],
        },
        renderpass: [
          {
            type: 'image',
            name: 'Image',
            code: MAIN('c = texture(iChannel0, p / iResolution.xy);'),
            inputs: [{ id: 257, src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0 }],
            outputs: [{ id: 37, channel: 0 }],
          },
          { type: 'common', name: 'Common', code: '#define FADE 0.97', inputs: [], outputs: [] },
          {
            type: 'buffer',
            name: 'Buffer A',
            code: MAIN(
              'c = texture(iChannel0, p / iResolution.xy) * FADE + texture(iChannel1, p / 256.0) * 0.03;',
            ),
            inputs: [
              { id: 257, src: '/media/previz/buffer00.png', ctype: 'buffer', channel: 0 },
              { id: 17, src: RGBA_MEDIUM, ctype: 'texture', channel: 1 },
            ],
            outputs: [{ id: 257, channel: 0 }],
          },
        ],
      },
      status: 'published',
    };
    const expectedSource = {
      common: '#define FADE 0.97',
      passes: [
        {
          name: 'Buffer A',
          code: apiShape.Shader.renderpass[2]!.code,
          channels: [
            { kind: 'buffer', pass: 'Buffer A' },
            { kind: 'texture', name: 'rgba-noise-256' },
          ],
        },
        {
          name: 'Image',
          code: apiShape.Shader.renderpass[0]!.code,
          channels: [{ kind: 'buffer', pass: 'Buffer A' }],
        },
      ],
    };

    it('imports the API shape: info to metadata, passes and buffer wiring, status from the body', async () => {
      const res = await api.request<ShaderDetail & { importWarnings: string[] }>(
        'POST',
        url('/shaders/import'),
        {
          token: alice.token,
          body: apiShape,
        },
      );
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/shaders/${res.body.id}`);
      expect(res.body).toMatchObject({
        title: 'Imported Trail',
        description: 'From Shadertoy',
        tags: ['feedback', 'trail'],
        status: 'published',
        currentVersion: 1,
        source: expectedSource,
        importWarnings: [],
      });
      const versions = await api.request<Page<ShaderVersionSummary>>(
        'GET',
        url(`/shaders/${res.body.id}/versions`),
      );
      expect(versions.body.items[0]!.changeNote).toBe('Imported from Shadertoy XsXXDn by someone');
      expect((await waitingJobs(res.body.id)).map((j) => j.version)).toEqual([1]);
    });

    it("imports the site's bare array (type/filepath, string ids, any pass order) as a draft unless told", async () => {
      const site = [
        {
          info: { name: 'Site Shape', tags: [] },
          renderpass: [
            {
              type: 'buffer',
              name: 'Buffer A',
              code: apiShape.Shader.renderpass[2]!.code,
              inputs: [
                { id: '4dXGR8', filepath: '/media/previz/buffer00.png', type: 'buffer', channel: 0 },
                { id: 'Xsf3zn', filepath: RGBA_MEDIUM, type: 'texture', channel: 1 },
              ],
              outputs: [{ id: '4dXGR8', channel: 0 }],
            },
            { type: 'common', name: 'Common', code: '#define FADE 0.97' },
            {
              type: 'image',
              name: 'Image',
              code: apiShape.Shader.renderpass[0]!.code,
              inputs: [{ id: '4dXGR8', filepath: '/media/previz/buffer00.png', type: 'buffer', channel: 0 }],
              outputs: [{ id: '4dfGRr', channel: 0 }],
            },
          ],
        },
      ];
      const draft = await api.request<ShaderDetail>('POST', url('/shaders/import'), {
        token: alice.token,
        body: site,
      });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ title: 'Site Shape', status: 'draft', source: expectedSource });
      const unlisted = await api.request<ShaderDetail>(
        'POST',
        url('/shaders/import?status=published&visibility=unlisted'),
        {
          token: alice.token,
          body: site,
        },
      );
      expect(unlisted.body).toMatchObject({ status: 'published', visibility: 'unlisted' });
    });

    it('refuses unsupported inputs and non-Shadertoy JSON with 422 naming each problem; requires a token', async () => {
      const withKeyboard = structuredClone(apiShape);
      withKeyboard.Shader.renderpass[0]!.inputs.push({ id: 33, src: '', ctype: 'keyboard', channel: 3 });
      const res = await api.request<ErrorBody>('POST', url('/shaders/import'), {
        token: alice.token,
        body: withKeyboard,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.message).toMatch(/Image, iChannel3: keyboard input is not supported/);
      const details = res.body.error.details as { path: string; message: string }[];
      expect(details.map((d) => d.path)).toEqual(['renderpass[0].inputs[1]']);
      expect(details[0]!.message).toMatch(/keyboard/);
      const junk = await api.request<ErrorBody>('POST', url('/shaders/import'), {
        token: alice.token,
        body: { hello: 'world' },
      });
      expect(junk.status).toBe(422);
      expect(junk.body.error.message).toMatch(/not Shadertoy JSON/);
      const badStatus = await api.request<ErrorBody>('POST', url('/shaders/import'), {
        token: alice.token,
        body: { ...apiShape, status: 'archived' },
      });
      expect(badStatus.status).toBe(422);
      expect(badStatus.body.error.message).toMatch(/status/);
      expect((await api.request('POST', url('/shaders/import'), { body: apiShape })).status).toBe(401);
    });

    it('exports the API shape as an attachment that imports back to the same source', async () => {
      const imported = await api.request<ShaderDetail>('POST', url('/shaders/import'), {
        token: alice.token,
        body: apiShape,
      });
      const res = await api.request<{ Shader: { info: { name: string }; renderpass: { type: string }[] } }>(
        'GET',
        url(`/shaders/${imported.body.id}/export`),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="imported-trail-v1.shadertoy.json"',
      );
      expect(res.body.Shader.info.name).toBe('Imported Trail');
      expect(res.body.Shader.renderpass.map((p) => p.type)).toEqual(['common', 'buffer', 'image']);
      const back = await api.request<ShaderDetail>('POST', url('/shaders/import'), {
        token: bob.token,
        body: res.body,
      });
      expect(back.status).toBe(201);
      expect(back.body.source).toEqual(expectedSource);
      expect(back.body).toMatchObject({ title: 'Imported Trail', tags: ['feedback', 'trail'] });

      const draft = await create(alice, {});
      expect((await api.request('GET', url(`/shaders/${draft.id}/export`))).status).toBe(404);
    });
  });

  describe('visibility across the lifecycle routes', () => {
    it('serves an unlisted shader by link (read, versions, render, export, fork) but never lists it', async () => {
      const s = await create(alice, { title: 'Secret link', status: 'published', visibility: 'unlisted' });
      for (const path of [
        `/shaders/${s.id}`,
        `/shaders/${s.id}/versions`,
        `/shaders/${s.id}/versions/1`,
        `/shaders/${s.id}/render`,
        `/shaders/${s.id}/export`,
      ]) {
        expect((await api.request('GET', url(path))).status, path).toBe(200);
      }
      expect(
        (await api.request('POST', url(`/shaders/${s.id}/fork`), { token: bob.token, body: {} })).status,
      ).toBe(201);
      const listed = await api.request<Page<ShaderSummary>>('GET', url('/shaders?limit=100'));
      expect(listed.status).toBe(200);
      expect(listed.body.items.some((i) => i.id === s.id)).toBe(false);
    });

    it('keeps a private shader to its author on every read route', async () => {
      const s = await create(alice, { status: 'published', visibility: 'private' });
      for (const path of [
        `/shaders/${s.id}`,
        `/shaders/${s.id}/versions`,
        `/shaders/${s.id}/versions/1`,
        `/shaders/${s.id}/render`,
        `/shaders/${s.id}/export`,
      ]) {
        expect((await api.request('GET', url(path))).status, path).toBe(404);
        expect((await api.request('GET', url(path), { token: bob.token })).status, path).toBe(404);
        expect((await api.request('GET', url(path), { token: alice.token })).status, path).toBe(200);
      }
    });
  });
});
