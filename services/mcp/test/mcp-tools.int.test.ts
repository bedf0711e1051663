import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CompileError,
  Desire,
  DesireDetail,
  ShaderDetail,
  ShaderSummary,
  ShaderVersionSummary,
} from '@fractafrag/contracts';
import { createUser, type TestUser } from '../../api/test/api-harness.ts';
import { startMcpStack, structured, textOf, type McpStack } from './mcp-harness.ts';

const GRADIENT = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}`;
const BROKEN = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  vec3 col = uv;
  fragColor = vec4(col, 1.0);
}`;
const BLACK = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.0, 0.0, 0.0, 1.0); }';

const ALL_TOOLS = [
  'browse_shaders',
  'search_shaders',
  'get_shader',
  'get_shader_versions',
  'get_shader_version_code',
  'get_trending',
  'find_similar_shaders',
  'validate_shader',
  'render_shader',
  'submit_shader',
  'update_shader',
  'fork_shader',
  'vote_shader',
  'get_render_status',
  'get_desire_queue',
  'get_desire',
  'create_desire',
  'fulfill_desire',
];

const call = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

describe('MCP tools against the real API and renderer', () => {
  let stack: McpStack;
  let alice: TestUser;
  let bob: TestUser;
  let anonymous: Client;
  let aliceClient: Client;
  let readOnly: Client;
  let bobClient: Client;
  let seed: ShaderSummary;

  beforeAll(async () => {
    stack = await startMcpStack();
    alice = await createUser(stack.api, 'alice_mcp');
    bob = await createUser(stack.api, 'bob_mcp');
    anonymous = await stack.connect();
    aliceClient = await stack.connect({ key: await stack.createApiKey(alice, ['read', 'write']) });
    readOnly = await stack.connect({ key: await stack.createApiKey(alice, ['read']) });
    bobClient = await stack.connect({ key: await stack.createApiKey(bob, ['read', 'write']) });
    const browse = await call(anonymous, 'browse_shaders', { limit: 5 });
    seed = structured<{ items: ShaderSummary[] }>(browse).items[0]!;
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('the tool list', () => {
    it('offers every tool of the product, each with a described input, annotations and an output schema', async () => {
      const { tools } = await anonymous.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...ALL_TOOLS].sort());
      for (const tool of tools) {
        expect(tool.description, tool.name).toBeTruthy();
        expect(tool.annotations, tool.name).toBeDefined();
        expect(tool.outputSchema, tool.name).toBeDefined();
        const properties = (tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
        for (const [field, schema] of Object.entries(properties)) {
          expect(schema.description, `${tool.name}.${field}`).toBeTruthy();
        }
      }
    });

    it('marks read tools read-only and write tools not', async () => {
      const { tools } = await anonymous.listTools();
      const readOnlyTools = tools.filter((t) => t.annotations?.readOnlyHint).map((t) => t.name);
      expect(readOnlyTools).toEqual(
        expect.arrayContaining(['get_shader', 'validate_shader', 'render_shader']),
      );
      expect(readOnlyTools).not.toContain('submit_shader');
      expect(tools.find((t) => t.name === 'update_shader')?.annotations?.destructiveHint).toBe(true);
    });
  });

  describe('read tools, anonymously', () => {
    it('browses, searches and lists trending published shaders with structured pages', async () => {
      const browse = await call(anonymous, 'browse_shaders', { limit: 3 });
      expect(browse.isError).toBeFalsy();
      const page = structured<{ items: ShaderSummary[]; nextCursor: string | null }>(browse);
      expect(page.items).toHaveLength(3);
      expect(page.nextCursor).toBeTruthy();
      const next = await call(anonymous, 'browse_shaders', { limit: 3, cursor: page.nextCursor });
      expect(structured<{ items: ShaderSummary[] }>(next).items[0]!.id).not.toBe(page.items[0]!.id);

      // No worker in this stack: semantic search answers 503 and the tool falls back to full text.
      const search = await call(anonymous, 'search_shaders', { query: seed.title });
      expect(search.isError).toBeFalsy();
      const found = structured<{ items: ShaderSummary[]; source: string; note?: string }>(search);
      expect(found.items.map((s) => s.id)).toContain(seed.id);
      expect(found.source).toBe('full-text');
      expect(found.note).toMatch(/semantic search is unavailable/i);
      expect(textOf(search)).toContain(seed.id);

      const trending = await call(anonymous, 'get_trending', { limit: 5 });
      expect(trending.isError).toBeFalsy();
      expect(structured<{ items: ShaderSummary[] }>(trending).items.length).toBeGreaterThan(0);
    });

    it('gets a shader with its source, its versions and a version’s code', async () => {
      const got = await call(anonymous, 'get_shader', { id: seed.id });
      const shader = structured<{ shader: ShaderDetail }>(got).shader;
      expect(shader.source.passes.find((p) => p.name === 'Image')?.code).toContain('mainImage');
      expect(got.content.some((c) => c.type === 'resource_link')).toBe(true);

      const versions = await call(anonymous, 'get_shader_versions', { id: seed.id });
      const items = structured<{ items: ShaderVersionSummary[] }>(versions).items;
      expect(items[0]).toMatchObject({ version: 1, isCurrent: true });

      const code = await call(anonymous, 'get_shader_version_code', { id: seed.id, version: 1 });
      expect(textOf(code)).toContain('```glsl');
      expect(structured<{ version: { source: ShaderDetail['source'] } }>(code).version.source).toEqual(
        shader.source,
      );
    });

    it('answers unknown ids and versions with an isError result that says where to find ids', async () => {
      const missing = await call(anonymous, 'get_shader', { id: '00000000-0000-4000-8000-00000000ffff' });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toMatch(/browse_shaders or search_shaders/);
      const version = await call(anonymous, 'get_shader_version_code', { id: seed.id, version: 99 });
      expect(version.isError).toBe(true);
      expect(textOf(version)).toMatch(/get_shader_versions/);
      const badId = await call(anonymous, 'get_shader', { id: 'not-a-uuid' });
      expect(badId.isError).toBe(true);
      expect(textOf(badId)).toMatch(/id/);
    });

    it('finds similar shaders (an empty list before embeddings exist is not an error)', async () => {
      const similar = await call(anonymous, 'find_similar_shaders', { id: seed.id, limit: 5 });
      expect(similar.isError).toBeFalsy();
      expect(Array.isArray(structured<{ items: unknown[] }>(similar).items)).toBe(true);
    });
  });

  describe('validate_shader and render_shader', () => {
    it('reports compile errors with the pass, the line in the author’s code and that line quoted', async () => {
      const result = await call(anonymous, 'validate_shader', { code: BROKEN });
      expect(result.isError).toBeFalsy();
      const { ok, errors } = structured<{ ok: boolean; errors: CompileError[] }>(result);
      expect(ok).toBe(false);
      expect(errors[0]).toMatchObject({ pass: 'Image', line: 3 });
      expect(textOf(result)).toContain('3 | vec3 col = uv;');
      const fixed = await call(anonymous, 'validate_shader', { code: GRADIENT });
      expect(structured<{ ok: boolean }>(fixed).ok).toBe(true);
    });

    it('explains a missing or ambiguous source instead of calling the API', async () => {
      const none = await call(anonymous, 'validate_shader', {});
      expect(none.isError).toBe(true);
      expect(textOf(none)).toMatch(/pass code .* or passes/);
      const both = await call(anonymous, 'validate_shader', {
        code: GRADIENT,
        passes: [{ name: 'Image', code: GRADIENT }],
      });
      expect(textOf(both)).toMatch(/either code .* or passes, not both/);
      const noImage = await call(anonymous, 'validate_shader', {
        passes: [{ name: 'Buffer A', code: GRADIENT }],
      });
      expect(textOf(noImage)).toMatch(/an Image pass is required/);
    });

    it('returns the rendered frame as image content with its metrics', async () => {
      const result = await call(anonymous, 'render_shader', {
        code: GRADIENT,
        width: 128,
        height: 72,
        time: 1,
      });
      expect(result.isError).toBeFalsy();
      const image = result.content.find((c) => c.type === 'image');
      expect(image?.mimeType).toBe('image/png');
      const bytes = Buffer.from(image!.data, 'base64');
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.readUInt32BE(16)).toBe(128);
      const metrics = structured<{ blank: boolean; renderMs: number; avgColor: string; bytes: number }>(
        result,
      );
      expect(metrics.blank).toBe(false);
      expect(metrics.renderMs).toBeGreaterThan(0);
      expect(metrics.avgColor).toMatch(/^#[0-9a-f]{6}$/);
      expect(metrics.bytes).toBe(bytes.length);
    });

    it('flags a flat frame as blank, with a warning in the text', async () => {
      const result = await call(anonymous, 'render_shader', {
        code: BLACK,
        width: 32,
        height: 32,
        format: 'webp',
      });
      expect(structured<{ blank: boolean }>(result).blank).toBe(true);
      expect(textOf(result)).toMatch(/WARNING: the frame is one flat colour/);
      expect(result.content.find((c) => c.type === 'image')?.mimeType).toBe('image/webp');
    });

    it('answers a shader that does not compile with an isError naming the line to fix', async () => {
      const result = await call(anonymous, 'render_shader', { code: BROKEN, width: 32, height: 32 });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Image line 3: .*\n\s+3 \| vec3 col = uv;/);
    });

    it('renders a saved shader by id', async () => {
      const result = await call(anonymous, 'render_shader', { shaderId: seed.id, width: 64, height: 36 });
      expect(result.isError).toBeFalsy();
      expect(result.content.some((c) => c.type === 'image')).toBe(true);
    });

    it('refuses sizes over the limit through input validation', async () => {
      const result = await call(anonymous, 'render_shader', { code: GRADIENT, width: 5000 });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/width/);
    });
  });

  describe('write tools and credentials', () => {
    const writes: [string, Record<string, unknown>][] = [
      ['submit_shader', { title: 't', code: GRADIENT }],
      ['update_shader', { id: '00000000-0000-4000-8000-00000000ffff', title: 't' }],
      ['fork_shader', { id: '00000000-0000-4000-8000-00000000ffff' }],
      ['vote_shader', { id: '00000000-0000-4000-8000-00000000ffff', value: 1 }],
      ['create_desire', { prompt: 'a desire' }],
      [
        'fulfill_desire',
        {
          desireId: '00000000-0000-4000-8000-00000000ffff',
          shaderId: '00000000-0000-4000-8000-00000000ffff',
        },
      ],
    ];

    for (const [tool, args] of writes) {
      it(`${tool} without an API key tells the agent to configure a Bearer key with the write scope`, async () => {
        const result = await call(anonymous, tool, args);
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/sent no API key/);
        expect(textOf(result)).toMatch(/Authorization: Bearer ff_/);
        expect(textOf(result)).toMatch(/write scope/);
      });
    }

    it('a read-only key is told to create a key with the write scope, and nothing is saved', async () => {
      const result = await call(readOnly, 'create_desire', { prompt: 'read-only keys cannot post this' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/only the read scope/);
      const desires = await stack.api.request<{ items: Desire[] }>(
        'GET',
        '/api/v1/desires?sort=new&limit=100',
      );
      expect(desires.body.items.some((d) => d.prompt.startsWith('read-only'))).toBe(false);
    });

    it('an unknown key is refused with a message about the key, also on read tools', async () => {
      const stranger = await stack.connect({ key: 'ff_thisisnotarealkey0000000000000000000' });
      const result = await call(stranger, 'browse_shaders', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/API key was refused/);
    });
  });

  describe('the creator loop as a key’s user', () => {
    let shaderId: string;

    it('submit_shader compiles first: a broken shader saves nothing and names the line', async () => {
      const result = await call(aliceClient, 'submit_shader', { title: 'Broken', code: BROKEN });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Nothing was saved/);
      expect(textOf(result)).toMatch(/Image line 3/);
      const mine = await stack.api.request<{ items: ShaderSummary[] }>('GET', '/api/v1/shaders/mine', {
        token: alice.token,
      });
      expect(mine.body.items).toHaveLength(0);
    });

    it('submit_shader publishes as the key’s user and returns id, version and render state', async () => {
      const result = await call(aliceClient, 'submit_shader', {
        title: 'MCP gradient',
        description: 'A gradient submitted by an agent.',
        tags: ['mcp', 'gradient'],
        code: GRADIENT,
      });
      expect(result.isError).toBeFalsy();
      const out = structured<{ id: string; version: number; renderState: string; status: string }>(result);
      expect(out).toMatchObject({ version: 1, renderState: 'queued', status: 'published' });
      shaderId = out.id;
      const api = await stack.api.request<ShaderDetail>('GET', `/api/v1/shaders/${shaderId}`);
      expect(api.body.author.username).toBe('alice_mcp');
      expect(api.body.tags).toEqual(['mcp', 'gradient']);
    });

    it('update_shader makes a new version with a change note; an identical source makes none', async () => {
      const changed = GRADIENT.replace('0.5 + 0.5 * sin(iTime)', '0.25');
      const result = await call(aliceClient, 'update_shader', {
        id: shaderId,
        code: changed,
        changeNote: 'flat blue channel',
      });
      expect(result.isError).toBeFalsy();
      expect(structured(result)).toMatchObject({
        id: shaderId,
        version: 2,
        newVersion: true,
        renderState: 'queued',
      });
      const same = await call(aliceClient, 'update_shader', { id: shaderId, code: changed });
      expect(structured(same)).toMatchObject({ version: 2, newVersion: false });
      expect(textOf(same)).toMatch(/identical/);
      const versions = await call(anonymous, 'get_shader_versions', { id: shaderId });
      expect(structured<{ items: ShaderVersionSummary[] }>(versions).items[0]).toMatchObject({
        version: 2,
        changeNote: 'flat blue channel',
      });
    });

    it('update_shader on someone else’s shader says to fork it; fork_shader makes a draft for the caller', async () => {
      const refused = await call(bobClient, 'update_shader', { id: shaderId, title: 'Mine now' });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/fork_shader/);
      const fork = await call(bobClient, 'fork_shader', { id: shaderId, title: 'Bob’s take' });
      expect(fork.isError).toBeFalsy();
      expect(structured(fork)).toMatchObject({
        status: 'draft',
        forkedFrom: { shaderId, version: 2 },
        title: 'Bob’s take',
      });
      const forkId = structured<{ id: string }>(fork).id;
      const published = await call(bobClient, 'update_shader', { id: forkId, status: 'published' });
      expect(structured(published)).toMatchObject({ status: 'published' });
    });

    it('vote_shader votes, switches and removes; one’s own shader is refused', async () => {
      const up = await call(bobClient, 'vote_shader', { id: shaderId, value: 1 });
      expect(structured(up)).toMatchObject({ myVote: 1, votes: { up: 1, down: 0 } });
      const down = await call(bobClient, 'vote_shader', { id: shaderId, value: -1 });
      expect(structured(down)).toMatchObject({ myVote: -1, votes: { up: 0, down: 1 } });
      const none = await call(bobClient, 'vote_shader', { id: shaderId, value: 0 });
      expect(structured(none)).toMatchObject({ myVote: null });
      const own = await call(aliceClient, 'vote_shader', { id: shaderId, value: 1 });
      expect(own.isError).toBe(true);
      expect(textOf(own)).toMatch(/own/);
    });

    it('get_render_status reports the state and, when asked, waits while sending progress notifications', async () => {
      const now = await call(aliceClient, 'get_render_status', { id: shaderId });
      expect(structured(now)).toMatchObject({ shaderId, state: 'queued', done: false, currentVersion: 2 });
      const progress: number[] = [];
      const waited = (await aliceClient.callTool(
        { name: 'get_render_status', arguments: { id: shaderId, waitSeconds: 3 } },
        undefined,
        {
          onprogress: (p) => progress.push(p.progress),
        },
      )) as CallToolResult;
      expect(structured(waited)).toMatchObject({ state: 'queued', done: false });
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.at(-1)).toBe(3);
    });

    it('desires: create, list by heat, get, and fulfil with a published shader of one’s own', async () => {
      const created = await call(bobClient, 'create_desire', {
        prompt: 'a soft gradient that breathes',
        details: 'pastel colours',
        tags: ['Gradient', 'calm'],
      });
      expect(created.isError).toBeFalsy();
      const desire = structured<{ desire: Desire }>(created).desire;
      expect(desire).toMatchObject({ status: 'open', tags: ['gradient', 'calm'] });

      const queue = await call(anonymous, 'get_desire_queue', {});
      expect(structured<{ items: Desire[] }>(queue).items.map((d) => d.id)).toContain(desire.id);
      const got = await call(anonymous, 'get_desire', { id: desire.id });
      expect(structured<{ desire: DesireDetail }>(got).desire.details).toBe('pastel colours');

      const own = await call(bobClient, 'fulfill_desire', { desireId: desire.id, shaderId });
      expect(own.isError).toBe(true);
      expect(textOf(own)).toMatch(/your own|not yours|Use a shader of your own/i);

      const done = await call(aliceClient, 'fulfill_desire', { desireId: desire.id, shaderId });
      expect(done.isError).toBeFalsy();
      expect(structured(done)).toMatchObject({ desire: { status: 'fulfilled', fulfilledBy: { shaderId } } });
      const again = await call(aliceClient, 'fulfill_desire', { desireId: desire.id, shaderId });
      expect(again.isError).toBe(true);
      expect(textOf(again)).toMatch(/open/);
    });
  });
});
