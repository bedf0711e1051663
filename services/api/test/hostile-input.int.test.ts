import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createLogger, createMetrics } from '@fractafrag/core';
import { registerEmbedTextRoutes } from '../../worker/src/embed-text.routes.ts';
import { startRenderer, type RendererProcess } from '../../../tests/support/renderer-process.ts';
import { createUser, startApi, type ApiHarness } from './api-harness.ts';
import { hostileCases } from './hostile-cases.ts';
import { countChanges, judge, send, tableCounter, type HostileCase } from './hostile-checks.ts';
import { glslCases } from './hostile-glsl.ts';
import { operationsOf, type OpenApiDocument, type Operation } from './hostile-openapi.ts';
import { LOGIN_USER, ROUTE_FIXTURES, type Actor } from './hostile-routes.ts';
import { HOSTILE_STRINGS } from './hostile-values.ts';
import { createWorld, type World } from './hostile-world.ts';

/**
 * Every route of the API (as its OpenAPI document lists them) receives oversize and malformed
 * bodies, wrong types in each field, injection and unicode edge cases, bad path ids and huge
 * query strings. Nothing may answer 5xx; every error is the one error shape with a useful message;
 * a refused write leaves every table's row count as it was. Real Postgres, Redis, renderer
 * (Chromium) and the worker's query-embedding endpoint.
 */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('hostile input on every API route', () => {
  let api: ApiHarness;
  let renderer: RendererProcess;
  let worker: Server;
  let operations: Operation[];
  let counts: () => Promise<Record<string, number>>;
  let sent = 0;

  beforeAll(async () => {
    renderer = await startRenderer();
    // The worker's real POST /embed/text (sentence encoder), in-process: semantic search needs it.
    const workerApp = createHttpApp({
      logger: createLogger('worker-test', 'silent'),
      metrics: createMetrics('worker-test'),
      lifecycle: { draining: false },
    });
    registerEmbedTextRoutes(workerApp);
    worker = workerApp.listen(0, '127.0.0.1');
    await new Promise((r) => worker.once('listening', r));
    const workerUrl = `http://127.0.0.1:${(worker.address() as AddressInfo).port}`;
    // Load the model once before the API's request timeout can meet a cold start.
    await fetch(`${workerUrl}/embed/text`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'warm up' }),
    });
    api = await startApi({ rendererUrl: renderer.url, workerUrl });
    await createUser(api, LOGIN_USER);
    operations = operationsOf((await (await fetch(`${api.url}/api/openapi.json`)).json()) as OpenApiDocument);
    counts = await tableCounter(api.db.pool);
  }, 180_000);

  afterAll(async () => {
    console.info(`hostile-input: ${sent} requests sent`);
    await api?.close();
    await renderer?.stop();
    await new Promise((r) => (worker ? worker.close(r) : r(undefined)));
  });

  const tokenOf = (world: World, actor: Actor) => (actor === 'anonymous' ? undefined : world[actor].token);

  /** Runs the cases one by one; returns one line per case that did not meet its expectation. */
  async function run(cases: HostileCase[]): Promise<string[]> {
    const failures: string[] = [];
    for (const c of cases) {
      const write = UNSAFE_METHODS.has(c.request.method);
      const before = write ? await counts() : undefined;
      const reply = await send(api.url, c.request);
      sent += 1;
      const problem = judge(reply, c.expect);
      if (problem) failures.push(`${c.name}: ${problem}`);
      if (before && reply.status >= 400) {
        const changed = countChanges(before, await counts());
        if (changed.length > 0)
          failures.push(`${c.name}: refused with ${reply.status} but wrote ${changed.join(', ')}`);
      }
    }
    return failures;
  }

  it('has a working request for every route the OpenAPI document lists, and none for routes it does not', () => {
    const documented = operations.map((o) => o.key).sort();
    expect(Object.keys(ROUTE_FIXTURES).sort()).toEqual(documented);
  });

  for (const [key, fixture] of Object.entries(ROUTE_FIXTURES)) {
    it(`${key}: answers its working request, then refuses every hostile variant without a 5xx`, async () => {
      const op = operations.find((o) => o.key === key);
      if (!op) throw new Error(`${key} is not in the OpenAPI document: remove it from ROUTE_FIXTURES`);
      const baselineWorld = await createWorld(api);
      const working = await send(
        api.url,
        workingRequest(op, fixture, baselineWorld, tokenOf(baselineWorld, fixture.actor)),
      );
      expect(working.status, working.text.slice(0, 300)).toBe(fixture.ok);

      const world = await createWorld(api);
      const cases = hostileCases({ op, fixture, world, token: tokenOf(world, fixture.actor) });
      expect(cases.length).toBeGreaterThan(0);
      expect(await run(cases)).toEqual([]);
    }, 600_000);
  }

  it('stores hostile text literally: titles, comments and desires round-trip byte for byte', async () => {
    const world = await createWorld(api);
    const owner = world.owner.token;
    for (const text of [
      HOSTILE_STRINGS['img onerror']!,
      HOSTILE_STRINGS['RTL override']!,
      HOSTILE_STRINGS['zero-width joiners']!,
      HOSTILE_STRINGS.emoji!,
      `e${'\u0301'.repeat(100)}`,
    ]) {
      const created = await api.request<{ id: string; title: string }>('POST', '/api/v1/shaders', {
        token: owner,
        body: {
          title: text,
          status: 'published',
          source: {
            passes: [{ name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' }],
          },
        },
      });
      expect(created.status).toBe(201);
      const read = await api.request<{ title: string }>('GET', `/api/v1/shaders/${created.body.id}`);
      expect(read.body.title).toBe(text.trim());
      const comment = await api.request<{ body: string }>(
        'POST',
        `/api/v1/shaders/${created.body.id}/comments`,
        { token: owner, body: { body: text } },
      );
      expect(comment.status).toBe(201);
      expect(comment.body.body).toBe(text.trim());
      const desire = await api.request<{ prompt: string }>('POST', '/api/v1/desires', {
        token: owner,
        body: { prompt: `${text} please` },
      });
      expect(desire.status).toBe(201);
      expect(desire.body.prompt).toBe(`${text} please`.trim());
    }
  });

  it('answers 4xx, never 5xx, to enormous GLSL and to GLSL built to crash compilers, and the renderer survives', async () => {
    const world = await createWorld(api);
    expect(await run(glslCases(world))).toEqual([]);
    const still = await send(api.url, {
      method: 'POST',
      url: '/api/v1/shaders/render',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: {
          passes: [{ name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' }],
        },
        width: 32,
        height: 32,
      }),
    });
    expect(still.status).toBe(200);
  }, 600_000);

  it('refuses hostile refresh cookies with 401 in the one error shape', async () => {
    const cookies = [
      '%00',
      "'; DROP TABLE users;--",
      'a'.repeat(4000),
      '%ED%A0%80',
      '<script>',
      '..%2F..%2Fetc%2Fpasswd',
    ];
    const cases: HostileCase[] = cookies.flatMap((value) =>
      ['/api/v1/auth/refresh', '/api/v1/auth/logout'].map((url) => ({
        name: `${url} with cookie ${value.slice(0, 20)}`,
        request: { method: 'POST', url, headers: { cookie: `fracta_refresh=${value}` } },
        expect: url.endsWith('refresh')
          ? { kind: 'refused' as const, status: [401] }
          : { kind: 'handled' as const },
      })),
    );
    expect(await run(cases)).toEqual([]);
  });
});

function workingRequest(
  op: Operation,
  fixture: (typeof ROUTE_FIXTURES)[string],
  world: World,
  token: string | undefined,
) {
  const params = fixture.params?.(world) ?? {};
  const query = new URLSearchParams(fixture.query?.(world) ?? {}).toString();
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
  const body = fixture.body?.(world);
  return {
    method: op.method,
    url: `/api/v1${path}${query ? `?${query}` : ''}`,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}
