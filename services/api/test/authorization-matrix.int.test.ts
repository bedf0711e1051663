import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRenderer, type RendererProcess } from '../../../tests/support/renderer-process.ts';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import { quickUser, seedShader } from './social-fixtures.ts';

/**
 * Every write endpoint × anonymous / another user / the owner / a moderator. Each cell gets fresh
 * fixtures owned by `owner`, so one cell's write never changes another's outcome.
 */
type Actor = 'anonymous' | 'other' | 'owner' | 'moderator';
const ACTORS: Actor[] = ['anonymous', 'other', 'owner', 'moderator'];

interface World {
  owner: TestUser;
  actor: TestUser | undefined;
  shaderId: string;
  desireId: string;
  commentId: string;
  apiKeyId: string;
  /** A published shader of the acting user (for fulfil). */
  actorShaderId: string | undefined;
}

interface Cell {
  method: string;
  path: (w: World) => string;
  body?: (w: World) => unknown;
  expect: Record<Actor, number>;
}

const IMAGE = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.0, 1.0); }';
const SOURCE = { passes: [{ name: 'Image', code: IMAGE }] };
const SHADERTOY = {
  Shader: {
    info: { name: 'Imported', description: '', tags: [] },
    renderpass: [
      { type: 'image', name: 'Image', code: IMAGE, inputs: [], outputs: [{ id: '4dfGRr', channel: 0 }] },
    ],
  },
};

// Auth endpoints are public by design: they create or end the caller's own session.
const PUBLIC_BY_DESIGN = new Set([
  'POST /auth/register',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
]);

const MATRIX: Cell[] = [
  {
    method: 'PATCH',
    path: () => '/me',
    body: () => ({ bio: 'hello' }),
    expect: { anonymous: 401, other: 200, owner: 200, moderator: 200 },
  },
  {
    method: 'POST',
    path: () => '/me/api-keys',
    body: () => ({ name: 'k', scopes: ['read'] }),
    expect: { anonymous: 401, other: 201, owner: 201, moderator: 201 },
  },
  {
    method: 'DELETE',
    path: (w) => `/me/api-keys/${w.apiKeyId}`,
    expect: { anonymous: 401, other: 404, owner: 204, moderator: 404 },
  },
  {
    method: 'PATCH',
    path: (w) => `/users/${w.owner.id}/role`,
    body: () => ({ role: 'moderator' }),
    expect: { anonymous: 401, other: 403, owner: 403, moderator: 403 },
  },
  {
    method: 'POST',
    path: () => '/shaders',
    body: () => ({ title: 'New', source: SOURCE }),
    expect: { anonymous: 401, other: 201, owner: 201, moderator: 201 },
  },
  {
    method: 'POST',
    path: () => '/shaders/import',
    body: () => SHADERTOY,
    expect: { anonymous: 401, other: 201, owner: 201, moderator: 201 },
  },
  {
    method: 'POST',
    path: () => '/shaders/validate',
    body: () => ({ source: SOURCE }),
    expect: { anonymous: 200, other: 200, owner: 200, moderator: 200 },
  },
  {
    method: 'POST',
    path: () => '/shaders/render',
    // Public like validate; a source that does not compile keeps the reply JSON (a 422 for everyone, never a 401).
    body: () => ({ source: { passes: [{ name: 'Image', code: 'void mainImage() { nope }' }] } }),
    expect: { anonymous: 422, other: 422, owner: 422, moderator: 422 },
  },
  {
    method: 'PATCH',
    path: (w) => `/shaders/${w.shaderId}`,
    body: () => ({ title: 'Renamed' }),
    expect: { anonymous: 401, other: 403, owner: 200, moderator: 403 },
  },
  {
    method: 'DELETE',
    path: (w) => `/shaders/${w.shaderId}`,
    expect: { anonymous: 401, other: 403, owner: 204, moderator: 204 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/status`,
    body: () => ({ status: 'archived' }),
    expect: { anonymous: 401, other: 403, owner: 200, moderator: 403 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/render`,
    expect: { anonymous: 401, other: 403, owner: 202, moderator: 202 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/versions/1/restore`,
    expect: { anonymous: 401, other: 403, owner: 201, moderator: 403 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/fork`,
    body: () => ({}),
    expect: { anonymous: 401, other: 201, owner: 201, moderator: 201 },
  },
  {
    method: 'PUT',
    path: (w) => `/shaders/${w.shaderId}/vote`,
    body: () => ({ value: 1 }),
    expect: { anonymous: 401, other: 200, owner: 403, moderator: 200 },
  },
  {
    method: 'DELETE',
    path: (w) => `/shaders/${w.shaderId}/vote`,
    // Removing a vote is idempotent: the author, who cannot vote, simply has none to remove.
    expect: { anonymous: 401, other: 200, owner: 200, moderator: 200 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/events`,
    body: () => ({ kind: 'view', sessionId: 'matrix-session' }),
    expect: { anonymous: 202, other: 202, owner: 202, moderator: 202 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/replay`,
    body: () => ({ sessionId: 'matrix-session' }),
    expect: { anonymous: 202, other: 202, owner: 202, moderator: 202 },
  },
  {
    method: 'POST',
    path: (w) => `/shaders/${w.shaderId}/comments`,
    body: () => ({ body: 'nice' }),
    expect: { anonymous: 401, other: 201, owner: 201, moderator: 201 },
  },
  {
    method: 'DELETE',
    path: (w) => `/comments/${w.commentId}`,
    expect: { anonymous: 401, other: 403, owner: 204, moderator: 204 },
  },
  {
    method: 'POST',
    path: () => '/desires',
    body: () => ({ prompt: 'slow neon rain' }),
    expect: { anonymous: 401, other: 201, owner: 201, moderator: 201 },
  },
  {
    method: 'POST',
    path: (w) => `/desires/${w.desireId}/support`,
    expect: { anonymous: 401, other: 200, owner: 403, moderator: 200 },
  },
  {
    method: 'DELETE',
    path: (w) => `/desires/${w.desireId}/support`,
    expect: { anonymous: 401, other: 200, owner: 200, moderator: 200 },
  },
  {
    method: 'POST',
    path: (w) => `/desires/${w.desireId}/tip`,
    body: () => ({ points: 5 }),
    expect: { anonymous: 401, other: 200, owner: 200, moderator: 200 },
  },
  {
    method: 'POST',
    path: (w) => `/desires/${w.desireId}/fulfil`,
    body: (w) => ({ shaderId: w.actorShaderId ?? w.shaderId }),
    expect: { anonymous: 401, other: 200, owner: 403, moderator: 200 },
  },
  {
    method: 'POST',
    path: (w) => `/desires/${w.desireId}/close`,
    expect: { anonymous: 401, other: 403, owner: 200, moderator: 200 },
  },
  // Admin only (admins themselves: admin-queues.int.test.ts).
  {
    method: 'POST',
    path: () => '/admin/queues/render/retry',
    body: () => ({}),
    expect: { anonymous: 401, other: 403, owner: 403, moderator: 403 },
  },
  {
    method: 'POST',
    path: () => '/admin/dashboard-link',
    expect: { anonymous: 401, other: 403, owner: 403, moderator: 403 },
  },
];

describe('authorization matrix of every write endpoint', () => {
  let api: ApiHarness;
  let renderer: RendererProcess;
  let counter = 0;

  async function world(actor: Actor): Promise<World> {
    counter += 1;
    const owner = await quickUser(api, `owner${counter}`);
    const acting =
      actor === 'owner'
        ? owner
        : actor === 'anonymous'
          ? undefined
          : await quickUser(api, `${actor}${counter}`, actor === 'moderator' ? 'moderator' : 'user');
    const shaderId = await seedShader(api, owner.id, { title: `Owned ${counter}` });
    // A second version, so "restore v1" has something to restore.
    await api.db.pool.query(
      `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash) SELECT shader_id, 2, $2, author_id, 'v2' FROM shader_versions WHERE shader_id = $1`,
      [
        shaderId,
        JSON.stringify([
          { name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.5); }', channels: [] },
        ]),
      ],
    );
    await api.db.pool.query('UPDATE shaders SET current_version = 2 WHERE id = $1', [shaderId]);
    const { rows: desire } = await api.db.pool.query<{ id: string }>(
      `INSERT INTO desires (author_id, prompt) VALUES ($1, 'a desire to test') RETURNING id`,
      [owner.id],
    );
    const { rows: comment } = await api.db.pool.query<{ id: string }>(
      `INSERT INTO comments (shader_id, author_id, body) VALUES ($1, $2, 'first') RETURNING id`,
      [shaderId, owner.id],
    );
    const { rows: key } = await api.db.pool.query<{ id: string }>(
      `INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, 'k', 'ff_x', md5(random()::text)) RETURNING id`,
      [owner.id],
    );
    if (acting && acting !== owner) {
      // Votes and supports exist before the DELETE cells, so removing them is a real change.
      await api.db.pool.query('INSERT INTO votes (user_id, shader_id, value) VALUES ($1, $2, 1)', [
        acting.id,
        shaderId,
      ]);
      await api.db.pool.query('UPDATE shaders SET vote_up = 1 WHERE id = $1', [shaderId]);
      await api.db.pool.query('INSERT INTO desire_supports (desire_id, user_id) VALUES ($1, $2)', [
        desire[0]!.id,
        acting.id,
      ]);
      await api.db.pool.query('UPDATE desires SET support_count = 1 WHERE id = $1', [desire[0]!.id]);
    }
    const actorShaderId = acting && acting !== owner ? await seedShader(api, acting.id) : undefined;
    return {
      owner,
      actor: acting,
      shaderId,
      desireId: desire[0]!.id,
      commentId: comment[0]!.id,
      apiKeyId: key[0]!.id,
      actorShaderId,
    };
  }

  beforeAll(async () => {
    renderer = await startRenderer();
    api = await startApi({ rendererUrl: renderer.url });
  });
  afterAll(async () => {
    await api?.close();
    await renderer?.stop();
  });

  it('covers every write endpoint the OpenAPI document lists', async () => {
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => m !== 'get')
        .map((m) => `${m.toUpperCase()} ${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const covered = new Set(
      MATRIX.map(
        (c) =>
          `${c.method} ${c
            .path({
              owner: { id: ':id' },
              shaderId: ':id',
              desireId: ':id',
              commentId: ':id',
              apiKeyId: ':id',
            } as unknown as World)
            .replace('/versions/1/', '/versions/:version/')
            .replace('/queues/render/', '/queues/:name/')}`,
      ),
    );
    const missing = writes.filter((w) => !covered.has(w) && !PUBLIC_BY_DESIGN.has(w));
    expect(missing).toEqual([]);
  });

  for (const cell of MATRIX) {
    for (const actor of ACTORS) {
      it(`${cell.method} ${cell.path({ shaderId: ':id', desireId: ':id', commentId: ':id', apiKeyId: ':id', owner: { id: ':id' } } as unknown as World)} as ${actor} → ${cell.expect[actor]}`, async () => {
        const w = await world(actor);
        const body = cell.body?.(w);
        const res = await api.request<{ error?: { message: string } }>(
          cell.method,
          `/api/v1${cell.path(w)}`,
          {
            ...(body === undefined ? {} : { body }),
            ...(w.actor ? { token: w.actor.token } : {}),
          },
        );
        expect(res.status, res.body?.error?.message ?? '').toBe(cell.expect[actor]);
      });
    }
  }
});
