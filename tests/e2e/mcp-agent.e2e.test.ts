import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuthResponse,
  CompileError,
  CreatedApiKey,
  Desire,
  DesireDetail,
  ShaderDetail,
} from '@fractafrag/contracts';
import { api, ARTIFACTS_DIR, BASE_URL, eventually } from './stack.ts';

/**
 * An agent that has nothing but the /mcp URL and an API key does what a creator does: it finds an
 * open desire, writes a shader with a mistake, reads the error line, fixes it, looks at the render,
 * publishes it and fulfils the desire. Everything after creating the key goes through MCP, via nginx.
 */
const stamp = Date.now().toString(36);
const DESIRE_PROMPT = `a green aurora band drifting over a dark sky ${stamp}`;
const FIRST_DRAFT = [
  'void mainImage(out vec4 fragColor, in vec2 fragCoord) {',
  '  vec2 uv = fragCoord / iResolution.xy;',
  '  float band = sin(uv.x * 6.0 + iTime) * 0.1 + 0.6;',
  '  float glow = exp(-40.0 * abs(uv.y - band));',
  '  vec3 col = glow;',
  '  col += vec3(0.02, 0.0, 0.05);',
  '  fragColor = vec4(col, 1.0);',
  '}',
];
const FIXED_LINE = '  vec3 col = glow * vec3(0.2, 1.0, 0.6);';

async function register(name: string): Promise<string> {
  const res = await api<AuthResponse>('POST', '/api/v1/auth/register', {
    body: { username: name, email: `${name}@example.com`, password: 'correct horse battery' },
  });
  expect(res.status).toBe(201);
  return res.body.accessToken;
}

const tool = (client: Client, name: string, args: Record<string, unknown>) =>
  client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const structured = <T>(result: CallToolResult) => result.structuredContent as T;
const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

describe('an agent over MCP, through nginx', () => {
  const agentName = `agent_${stamp}`;
  let apiKey: string;
  let desireId: string;
  let shaderId: string;
  let client: Client;

  beforeAll(async () => {
    // The person who wants something: a desire posted on the website (REST).
    const requester = await register(`wisher_${stamp}`);
    const posted = await api<Desire>('POST', '/api/v1/desires', {
      token: requester,
      body: { prompt: DESIRE_PROMPT, details: 'slow, calm, mostly dark', tags: ['aurora'] },
    });
    expect(posted.status).toBe(201);
    desireId = posted.body.id;
    // The agent's owner registers and creates an API key (REST); from here on, only MCP.
    const owner = await register(agentName);
    const key = await api<CreatedApiKey>('POST', '/api/v1/me/api-keys', {
      token: owner,
      body: { name: 'e2e agent', scopes: ['read', 'write'] },
    });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    client = new Client({ name: 'fractafrag-e2e-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${BASE_URL}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
      }),
    );
  });
  afterAll(async () => {
    await client?.close();
  });

  it('finds the open desire in the queue', async () => {
    const queue = await tool(client, 'get_desire_queue', { sort: 'new', limit: 50 });
    const desire = structured<{ items: Desire[] }>(queue).items.find((d) => d.prompt === DESIRE_PROMPT);
    expect(desire).toMatchObject({ id: desireId, status: 'open' });
  });

  let code = FIRST_DRAFT.join('\n');

  it('validates a first draft with an error, reads the error line and fixes that line', async () => {
    const first = await tool(client, 'validate_shader', { code });
    const { ok, errors } = structured<{ ok: boolean; errors: CompileError[] }>(first);
    expect(ok).toBe(false);
    const error = errors[0]!;
    expect(error).toMatchObject({ pass: 'Image', line: 5 });
    expect(text(first)).toContain('5 | vec3 col = glow;');
    const lines = code.split('\n');
    lines[error.line! - 1] = FIXED_LINE;
    code = lines.join('\n');
    const second = await tool(client, 'validate_shader', { code });
    expect(structured(second)).toEqual({ ok: true, errors: [] });
  });

  it('renders the fixed shader and gets an image that is not blank', async () => {
    const render = await tool(client, 'render_shader', { code, time: 2 });
    expect(render.isError).toBeFalsy();
    expect(structured(render)).toMatchObject({ blank: false, width: 640, height: 360 });
    const image = render.content.find((c) => c.type === 'image');
    expect(image?.mimeType).toBe('image/png');
    const bytes = Buffer.from(image!.data, 'base64');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(path.join(ARTIFACTS_DIR, 'mcp-agent-render.png'), bytes);
  });

  it('submits it, published, as the key’s user', async () => {
    const submitted = await tool(client, 'submit_shader', {
      title: `Aurora band ${stamp}`,
      description: 'A glowing band drifting with time; written by an agent over MCP.',
      tags: ['aurora', 'e2e'],
      code,
    });
    expect(submitted.isError).toBeFalsy();
    const out = structured<{ id: string; version: number; status: string; renderState: string }>(submitted);
    expect(out).toMatchObject({ version: 1, status: 'published' });
    expect(['queued', 'rendering', 'ready']).toContain(out.renderState);
    shaderId = out.id;
  });

  it('fulfils the desire with it', async () => {
    const fulfilled = await tool(client, 'fulfill_desire', { desireId, shaderId });
    expect(fulfilled.isError).toBeFalsy();
    expect(structured(fulfilled)).toMatchObject({
      desire: { status: 'fulfilled', fulfilledBy: { shaderId } },
    });
  });

  it('follows the server render until the thumbnail is ready, and reads it as an image resource', async () => {
    const status = await eventually(
      'the render to finish',
      async () => {
        const result = await tool(client, 'get_render_status', {
          id: shaderId,
          waitSeconds: 20,
          includeThumbnail: true,
        });
        const s = structured<{ state: string; done: boolean; error: string | null }>(result);
        if (s.state === 'failed') throw new Error(`render failed: ${s.error}`);
        return s.done ? result : undefined;
      },
      120_000,
    );
    expect(structured(status)).toMatchObject({ state: 'ready', renderedVersion: 1 });
    expect(status.content.find((c) => c.type === 'image')?.mimeType).toBe('image/webp');
    const { contents } = await client.readResource({ uri: `fractafrag://shaders/${shaderId}/thumbnail` });
    const blob = Buffer.from(String((contents[0] as { blob: string }).blob), 'base64');
    expect(contents[0]?.mimeType).toBe('image/webp');
    expect(blob.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('the API shows the desire fulfilled by that shader, attributed to the key’s user', async () => {
    const desire = await api<DesireDetail>('GET', `/api/v1/desires/${desireId}`);
    expect(desire.body).toMatchObject({ status: 'fulfilled', fulfilledBy: { shaderId } });
    const shader = await api<ShaderDetail>('GET', `/api/v1/shaders/${shaderId}`);
    expect(shader.body.author.username).toBe(agentName);
    expect(shader.body.source.passes[0]!.code).toContain(FIXED_LINE.trim());
  });

  it('the same agent works over the legacy SSE transport', async () => {
    const sse = new Client({ name: 'fractafrag-e2e-sse', version: '1.0.0' });
    await sse.connect(
      new SSEClientTransport(new URL(`${BASE_URL}/mcp/sse`), {
        requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
      }),
    );
    const { tools } = await sse.listTools();
    expect(tools).toHaveLength(18);
    const desire = await tool(sse, 'get_desire', { id: desireId });
    expect(structured(desire)).toMatchObject({ desire: { status: 'fulfilled', fulfilledBy: { shaderId } } });
    const vote = await tool(sse, 'vote_shader', { id: shaderId, value: 1 });
    expect(vote.isError).toBe(true);
    expect(text(vote)).toMatch(/own shader/);
    const { contents } = await sse.readResource({ uri: 'fractafrag://platform-info' });
    expect(String((contents[0] as { text: string }).text)).toContain('mainImage');
    await sse.close();
  });

  it('without a key, reads work and writes explain how to configure one', async () => {
    const anonymous = new Client({ name: 'fractafrag-e2e-anonymous', version: '1.0.0' });
    await anonymous.connect(new StreamableHTTPClientTransport(new URL(`${BASE_URL}/mcp`)));
    const got = await tool(anonymous, 'get_shader', { id: shaderId });
    expect(structured<{ shader: ShaderDetail }>(got).shader.id).toBe(shaderId);
    const refused = await tool(anonymous, 'create_desire', { prompt: 'anonymous agents cannot post' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/Authorization: Bearer ff_/);
    await anonymous.close();
  });
});

describe('the MCP Inspector CLI (pinned in tests/e2e) against /mcp through nginx', () => {
  const require = createRequire(import.meta.url);
  const launcher = path.join(
    path.dirname(require.resolve('@modelcontextprotocol/inspector/package.json')),
    'clients/launcher/build/index.js',
  );
  // The CLI keeps a catalog of servers; keep it out of the user's home.
  const catalog = path.join(mkdtempSync(path.join(os.tmpdir(), 'mcp-inspector-')), 'mcp.json');

  const inspect = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [launcher, '--cli', `${BASE_URL}/mcp`, '--transport', 'http', ...args],
        { env: { ...process.env, MCP_CATALOG_PATH: catalog }, timeout: 60_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });

  it('lists the tools', async () => {
    const result = await inspect(['--method', 'tools/list']);
    expect(result.code, result.stderr).toBe(0);
    const { tools } = JSON.parse(result.stdout) as { tools: { name: string }[] };
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['render_shader', 'submit_shader', 'get_desire_queue']),
    );
  });

  it('calls a tool', async () => {
    const result = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'get_desire_queue',
      '--tool-arg',
      'status=all',
      'limit=5',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as { isError?: boolean; structuredContent: { items: Desire[] } };
    expect(body.isError).toBeFalsy();
    expect(body.structuredContent.items.length).toBeGreaterThan(0);
  });
});
