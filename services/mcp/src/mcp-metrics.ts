import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '@fractafrag/core';

export interface McpMetrics {
  /** JSON-RPC requests by transport and method (tools/call also by tool name). */
  messages: Counter<'transport' | 'method' | 'tool'>;
  sseSessions: Gauge;
}

export function createMcpMetrics(metrics: Metrics): McpMetrics {
  return {
    messages: new Counter({
      name: 'mcp_messages_total',
      help: 'MCP JSON-RPC messages received, by transport, method and tool',
      labelNames: ['transport', 'method', 'tool'] as const,
      registers: [metrics.registry],
    }),
    sseSessions: new Gauge({
      name: 'mcp_sse_sessions',
      help: 'Open legacy SSE sessions',
      registers: [metrics.registry],
    }),
  };
}

interface JsonRpcLike {
  method?: unknown;
  params?: { name?: unknown; _meta?: { progressToken?: unknown } };
}

function messagesOf(body: unknown): JsonRpcLike[] {
  const list: unknown[] = Array.isArray(body) ? body : [body];
  return list.filter((m): m is JsonRpcLike => typeof m === 'object' && m !== null);
}

export function countMessages(
  metrics: McpMetrics,
  transport: 'streamable-http' | 'sse',
  body: unknown,
): void {
  for (const message of messagesOf(body)) {
    if (typeof message.method !== 'string') continue;
    const tool =
      message.method === 'tools/call' && typeof message.params?.name === 'string' ? message.params.name : '';
    metrics.messages.inc({ transport, method: message.method, tool });
  }
}

/** Whether any request in the body asked for progress notifications (a progressToken). */
export function wantsProgress(body: unknown): boolean {
  return messagesOf(body).some((m) => m.params?._meta?.progressToken !== undefined);
}
