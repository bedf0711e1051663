import type { World } from './hostile-world.ts';

/**
 * A request that works, for every route of the API, keyed as the OpenAPI document lists it
 * ("POST /shaders/{id}/fork", without /api/v1). Each hostile case changes one thing in it, so the
 * case fails for that one reason. hostile-input.int.test.ts fails when a route has no entry here.
 */
export type Actor = 'anonymous' | 'owner' | 'other' | 'admin';

export interface RouteFixture {
  actor: Actor;
  params?: (w: World) => Record<string, string>;
  query?: (w: World) => Record<string, string>;
  body?: (w: World) => unknown;
  /** The status of the unchanged request on a fresh world. */
  ok: number;
}

export const PASSWORD = 'correct-horse-battery';
/** Registered with PASSWORD by the test file, for the login route. */
export const LOGIN_USER = 'hostile_login';
const IMAGE = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';
const SOURCE = { common: '', passes: [{ name: 'Image', code: IMAGE, channels: [] }] };
const SHADERTOY = {
  Shader: {
    info: { name: 'Imported', description: 'from shadertoy', tags: ['neon'] },
    renderpass: [
      { type: 'image', name: 'Image', code: IMAGE, inputs: [], outputs: [{ id: '4dfGRr', channel: 0 }] },
    ],
  },
};

let unique = 0;
const next = () => (unique += 1);
const shader = (w: World) => ({ id: w.shaderId });
const desire = (w: World) => ({ id: w.desireId });
const page = () => ({ limit: '5' });

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'POST /auth/register': {
    actor: 'anonymous',
    body: () => {
      const n = next();
      return { username: `hostile_${n}`, email: `hostile_${n}@example.com`, password: PASSWORD };
    },
    ok: 201,
  },
  // The login user is registered with a real password by the test file (see LOGIN_USER).
  'POST /auth/login': {
    actor: 'anonymous',
    body: () => ({ login: LOGIN_USER, password: PASSWORD }),
    ok: 200,
  },
  // No cookie: the refresh cookie's own hostile values are a separate test.
  'POST /auth/refresh': { actor: 'anonymous', ok: 401 },
  'POST /auth/logout': { actor: 'anonymous', ok: 204 },
  'GET /me': { actor: 'owner', ok: 200 },
  'PATCH /me': {
    actor: 'owner',
    body: () => ({ displayName: 'Hostile', bio: 'hello', websiteUrl: 'https://example.com' }),
    ok: 200,
  },
  'GET /me/api-keys': { actor: 'owner', ok: 200 },
  'POST /me/api-keys': { actor: 'owner', body: () => ({ name: 'key', scopes: ['read'] }), ok: 201 },
  'DELETE /me/api-keys/{id}': { actor: 'owner', params: (w) => ({ id: w.apiKeyId }), ok: 204 },
  'PATCH /users/{id}/role': {
    actor: 'admin',
    params: (w) => ({ id: w.other.id }),
    body: () => ({ role: 'moderator' }),
    ok: 200,
  },
  'GET /shaders/semantic': { actor: 'anonymous', query: () => ({ q: 'glowing rings', limit: '5' }), ok: 200 },
  'GET /shaders/mine': { actor: 'owner', query: () => ({ status: 'published', limit: '5' }), ok: 200 },
  'POST /shaders/import': {
    actor: 'owner',
    query: () => ({ status: 'draft', visibility: 'public' }),
    body: () => SHADERTOY,
    ok: 201,
  },
  'GET /shaders/{id}/export': { actor: 'anonymous', params: shader, ok: 200 },
  'POST /shaders/validate': { actor: 'anonymous', body: () => ({ source: SOURCE }), ok: 200 },
  'GET /shaders/{id}/render': { actor: 'anonymous', params: shader, ok: 200 },
  'POST /shaders/{id}/render': { actor: 'owner', params: shader, ok: 202 },
  'POST /shaders': {
    actor: 'owner',
    body: () => ({
      title: 'Plasma',
      description: 'warm waves',
      tags: ['neon'],
      type: '2d',
      status: 'published',
      visibility: 'public',
      source: SOURCE,
    }),
    ok: 201,
  },
  'GET /shaders': {
    actor: 'anonymous',
    query: (w) => ({
      q: 'hostile',
      tags: 'neon',
      type: '2d',
      author: w.owner.username,
      sort: 'hot',
      limit: '5',
    }),
    ok: 200,
  },
  'GET /shaders/{id}': { actor: 'anonymous', params: shader, ok: 200 },
  'PATCH /shaders/{id}': {
    actor: 'owner',
    params: shader,
    body: () => ({
      title: 'Renamed',
      description: 'new words',
      tags: ['neon'],
      type: '3d',
      visibility: 'unlisted',
      thumbnailTime: 2,
      source: SOURCE,
      changeNote: 'brighter',
    }),
    ok: 200,
  },
  'DELETE /shaders/{id}': { actor: 'owner', params: shader, ok: 204 },
  'POST /shaders/{id}/status': {
    actor: 'owner',
    params: shader,
    body: () => ({ status: 'archived' }),
    ok: 200,
  },
  'GET /shaders/{id}/versions': { actor: 'anonymous', params: shader, query: page, ok: 200 },
  'GET /shaders/{id}/versions/{version}': {
    actor: 'anonymous',
    params: (w) => ({ id: w.shaderId, version: '1' }),
    ok: 200,
  },
  'POST /shaders/{id}/versions/{version}/restore': {
    actor: 'owner',
    params: (w) => ({ id: w.shaderId, version: '1' }),
    body: () => ({ changeNote: 'back to the first' }),
    ok: 201,
  },
  'POST /shaders/{id}/fork': {
    actor: 'other',
    params: shader,
    body: () => ({
      version: 1,
      title: 'Fork',
      description: 'mine now',
      tags: ['neon'],
      visibility: 'public',
    }),
    ok: 201,
  },
  'POST /shaders/render': {
    actor: 'anonymous',
    body: () => ({ source: SOURCE, time: 1, width: 64, height: 64, format: 'png' }),
    ok: 200,
  },
  'GET /feed': { actor: 'owner', query: page, ok: 200 },
  'GET /feed/trending': { actor: 'anonymous', query: page, ok: 200 },
  'GET /feed/new': { actor: 'anonymous', query: page, ok: 200 },
  'GET /feed/top': { actor: 'anonymous', query: () => ({ period: 'week', limit: '5' }), ok: 200 },
  'GET /shaders/{id}/similar': { actor: 'anonymous', params: shader, query: page, ok: 200 },
  'PUT /shaders/{id}/vote': { actor: 'other', params: shader, body: () => ({ value: 1 }), ok: 200 },
  'DELETE /shaders/{id}/vote': { actor: 'other', params: shader, ok: 200 },
  'GET /shaders/{id}/vote': { actor: 'other', params: shader, ok: 200 },
  'POST /shaders/{id}/events': {
    actor: 'anonymous',
    params: shader,
    body: () => ({ kind: 'dwell', dwellMs: 1500, sessionId: 'hostile-session' }),
    ok: 202,
  },
  'POST /shaders/{id}/replay': {
    actor: 'anonymous',
    params: shader,
    body: () => ({ sessionId: 'hostile-session' }),
    ok: 202,
  },
  'GET /shaders/{id}/comments': { actor: 'anonymous', params: shader, query: page, ok: 200 },
  'POST /shaders/{id}/comments': {
    actor: 'other',
    params: shader,
    body: (w) => ({ body: 'a reply', parentId: w.commentId }),
    ok: 201,
  },
  'DELETE /comments/{id}': { actor: 'owner', params: (w) => ({ id: w.commentId }), ok: 204 },
  'POST /desires': {
    actor: 'owner',
    body: () => ({ prompt: 'slow neon rain', details: 'blue and pink', tags: ['neon'] }),
    ok: 201,
  },
  'GET /desires': { actor: 'anonymous', query: () => ({ sort: 'new', status: 'open', limit: '5' }), ok: 200 },
  'GET /desires/{id}': { actor: 'anonymous', params: desire, ok: 200 },
  'POST /desires/{id}/support': { actor: 'admin', params: desire, ok: 200 },
  'DELETE /desires/{id}/support': { actor: 'other', params: desire, ok: 200 },
  'POST /desires/{id}/tip': { actor: 'other', params: desire, body: () => ({ points: 5 }), ok: 200 },
  'POST /desires/{id}/fulfil': {
    actor: 'other',
    params: desire,
    body: (w) => ({ shaderId: w.otherShaderId }),
    ok: 200,
  },
  'POST /desires/{id}/close': { actor: 'owner', params: desire, ok: 200 },
  'GET /desire-clusters': { actor: 'anonymous', query: page, ok: 200 },
  'GET /users/{username}': { actor: 'anonymous', params: (w) => ({ username: w.owner.username }), ok: 200 },
  'GET /users/{username}/shaders': {
    actor: 'anonymous',
    params: (w) => ({ username: w.owner.username }),
    query: page,
    ok: 200,
  },
  'GET /tags/popular': { actor: 'anonymous', query: page, ok: 200 },
  'GET /admin/queues': { actor: 'admin', ok: 200 },
  'GET /admin/queues/{name}/failed': {
    actor: 'admin',
    params: () => ({ name: 'render' }),
    query: () => ({ offset: '0', limit: '5' }),
    ok: 200,
  },
  // There is no such job: the request is valid and answers 404 (retrying all would be 200 with no body field to vary).
  'POST /admin/queues/{name}/retry': {
    actor: 'admin',
    params: () => ({ name: 'render' }),
    body: () => ({ jobId: 'render:none:1' }),
    ok: 404,
  },
  'POST /admin/dashboard-link': { actor: 'admin', ok: 201 },
};
