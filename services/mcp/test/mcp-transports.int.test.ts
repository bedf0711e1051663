import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShaderSummary } from '@fractafrag/contracts';
import { createUser, type TestUser } from '../../api/test/api-harness.ts';
import { startMcpStack, structured, textOf, type McpStack } from './mcp-harness.ts';

const ACCEPT = 'application/json, text/event-stream';
const rpc = (method: string, params: Record<string, unknown> = {}, id = 1) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('MCP transports, DNS-rebinding protection and shared rate limits', () => {
  let stack: McpStack;
  let carol: TestUser;
  let writeKey: string;

  beforeAll(async () => {
    stack = await startMcpStack({
      rateLimits: {
        read: { limit: 8, windowMs: 60_000 },
        write: { limit: 100, windowMs: 60_000 },
        auth: { limit: 100, windowMs: 60_000 },
        session: { limit: 1000, windowMs: 60_000 },
        publish: { limit: 100, windowMs: 60_000 },
      },
    });
    carol = await createUser(stack.api, 'carol_mcp');
    writeKey = await stack.createApiKey(carol, ['read', 'write']);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(stack.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers },
      body,
    });

  describe('Streamable HTTP (stateless)', () => {
    it('answers a plain request with a JSON body and no session id', async () => {
      const res = await post(rpc('tools/list'), { 'x-forwarded-for': '198.51.100.1' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.headers.get('mcp-session-id')).toBeNull();
      const body = (await res.json()) as { result: { tools: { name: string }[] } };
      expect(body.result.tools.length).toBe(18);
    });

    it('answers with an SSE stream carrying progress notifications when the request has a progressToken', async () => {
      const res = await post(
        rpc('tools/call', {
          name: 'validate_shader',
          arguments: { code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' },
          _meta: { progressToken: 'p1' },
        }),
        { 'x-forwarded-for': '198.51.100.2' },
      );
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const text = await res.text();
      expect(text).toMatch(/"result"/);
    });

    it('refuses GET and DELETE on /mcp with 405 and says to POST', async () => {
      for (const method of ['GET', 'DELETE']) {
        const res = await fetch(stack.mcpUrl, { method });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      }
    });

    it('refuses a foreign Host header and a foreign Origin with 403 (DNS rebinding)', async () => {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          stack.mcpUrl,
          {
            method: 'POST',
            headers: { host: 'evil.example', 'content-type': 'application/json', accept: ACCEPT },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(rpc('tools/list'));
      });
      expect(status).toBe(403);
      const origin = await post(rpc('tools/list'), { origin: 'http://evil.example' });
      expect(origin.status).toBe(403);
      expect(JSON.stringify(await origin.json())).toMatch(/MCP_ALLOWED_HOSTS/);
      const ours = await post(rpc('tools/list'), {
        origin: 'http://localhost:8080',
        'x-forwarded-for': '198.51.100.3',
      });
      expect(ours.status).toBe(200);
    });
  });

  describe('legacy SSE (/mcp/sse + /mcp/messages)', () => {
    it('serves the same tools over a stateful SSE session, acting as the key’s user', async () => {
      const client = await stack.connect({ key: writeKey, transport: 'sse' });
      const { tools } = await client.listTools();
      expect(tools.length).toBe(18);
      const desire = (await client.callTool({
        name: 'create_desire',
        arguments: { prompt: 'posted over legacy SSE' },
      })) as CallToolResult;
      expect(desire.isError).toBeFalsy();
      expect(structured<{ desire: { author: { username: string } } }>(desire).desire.author.username).toBe(
        'carol_mcp',
      );
      await client.close();
    });

    it('rejects messages for an unknown session (404) and with other credentials than the session’s (403)', async () => {
      const unknown = await fetch(`${stack.mcpUrl}/messages?sessionId=nope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: rpc('tools/list'),
      });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
        /GET \/mcp\/sse/,
      );

      const controller = new AbortController();
      const stream = await fetch(`${stack.mcpUrl}/sse`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${writeKey}` },
        signal: controller.signal,
      });
      expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      let received = '';
      while (!received.includes('sessionId=')) {
        const chunk = (await reader.read()) as { value?: Uint8Array };
        received += new TextDecoder().decode(chunk.value);
      }
      const endpoint = /data: (\S+)/.exec(received)![1]!;
      expect(endpoint).toMatch(/^\/mcp\/messages\?sessionId=/);
      const hijack = await fetch(new URL(endpoint, stack.mcpUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: rpc('tools/list'),
      });
      expect(hijack.status).toBe(403);
      controller.abort();
    });
  });

  describe('rate limits are the API’s, per key or per client', () => {
    it('counts MCP calls against the key’s limit, shared with direct API calls', async () => {
      const client = await stack.connect({ key: writeKey });
      const results: CallToolResult[] = [];
      for (let i = 0; i < 9; i += 1) {
        results.push(
          (await client.callTool({ name: 'get_trending', arguments: { limit: 1 } })) as CallToolResult,
        );
      }
      const limited = results.find((r) => r.isError);
      expect(limited).toBeDefined();
      expect(textOf(limited)).toMatch(/rate limit reached .* Wait \d+ s/);
      // The same key, straight to the API, is limited too: one budget per key.
      const direct = await fetch(`${stack.api.url}/api/v1/feed/trending?limit=1`, {
        headers: { authorization: `Bearer ${writeKey}` },
      });
      expect(direct.status).toBe(429);
    });

    it('limits anonymous callers per client address, not all of them together', async () => {
      const first = await stack.connect({ headers: { 'x-forwarded-for': '203.0.113.7' } });
      let limited = false;
      for (let i = 0; i < 10 && !limited; i += 1) {
        const r = (await first.callTool({
          name: 'browse_shaders',
          arguments: { limit: 1 },
        })) as CallToolResult;
        limited = r.isError === true;
      }
      expect(limited).toBe(true);
      const second = await stack.connect({ headers: { 'x-forwarded-for': '203.0.113.8' } });
      const ok = (await second.callTool({
        name: 'browse_shaders',
        arguments: { limit: 1 },
      })) as CallToolResult;
      expect(ok.isError).toBeFalsy();
      expect(structured<{ items: ShaderSummary[] }>(ok).items).toHaveLength(1);
    });
  });

  it('exposes health, readiness and MCP message metrics', async () => {
    const base = stack.mcpUrl.replace(/\/mcp$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /mcp_messages_total\{[^}]*transport="streamable-http"[^}]*method="tools\/call"[^}]*tool="get_trending"/,
    );
    expect(metrics).toMatch(/mcp_sse_sessions/);
  });
});
