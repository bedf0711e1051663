import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, createMetrics } from '@fractafrag/core';
import type { CreatedApiKey } from '@fractafrag/contracts';
import {
  startApi,
  type ApiHarness,
  type ApiHarnessOptions,
  type TestUser,
} from '../../api/test/api-harness.ts';
import { startRenderer, type RendererProcess } from '../../../tests/support/renderer-process.ts';
import { createMcpApp } from '../src/app.ts';

/**
 * The MCP app in-process, in front of the real API (fresh database, real Redis) and the real
 * renderer (real Chromium), as the official SDK client sees it.
 */
export interface McpStack {
  api: ApiHarness;
  renderer: RendererProcess;
  mcpUrl: string;
  connect(options?: ConnectOptions): Promise<Client>;
  createApiKey(user: TestUser, scopes: ('read' | 'write')[]): Promise<string>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** An API key, sent as Authorization: Bearer. */
  key?: string;
  transport?: 'streamable-http' | 'sse';
  /** Extra headers on every request (e.g. X-Forwarded-For as nginx would set it). */
  headers?: Record<string, string>;
}

export async function startMcpStack(
  apiOptions: Omit<ApiHarnessOptions, 'rendererUrl'> = {},
): Promise<McpStack> {
  const renderer = await startRenderer();
  const api = await startApi({ ...apiOptions, rendererUrl: renderer.url });
  const { app, closeSessions } = createMcpApp({
    apiUrl: api.url,
    publicUrl: 'http://localhost:8080',
    rendersUrl: 'http://127.0.0.1:9',
    allowedHosts: ['localhost', '127.0.0.1'],
    logger: createLogger('mcp-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    metrics: createMetrics('mcp-test'),
    lifecycle: { draining: false },
  });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  const mcpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  const clients: Client[] = [];
  return {
    api,
    renderer,
    mcpUrl,
    async connect({ key, transport = 'streamable-http', headers = {} } = {}) {
      const requestInit = { headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } };
      const client = new Client({ name: 'fractafrag-test', version: '1.0.0' });
      await client.connect(
        transport === 'sse'
          ? new SSEClientTransport(new URL(`${mcpUrl}/sse`), { requestInit })
          : new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit }),
      );
      clients.push(client);
      return client;
    },
    async createApiKey(user, scopes) {
      const res = await api.request<CreatedApiKey>('POST', '/api/v1/me/api-keys', {
        token: user.token,
        body: { name: `test ${scopes.join('+')}`, scopes },
      });
      if (res.status !== 201) throw new Error(`creating an API key failed: ${res.status}`);
      return res.body.key;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await closeSessions();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await api.close();
      await renderer.stop();
    },
  };
}

/** The text of a tool result (every text block joined). */
export function textOf(result: unknown): string {
  return ((result as CallToolResult).content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

export function structured<T>(result: unknown): T {
  return (result as CallToolResult).structuredContent as T;
}
