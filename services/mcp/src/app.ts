import express, { type Express } from 'express';
import { hostHeaderValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import {
  createHttpApp,
  errorHandler,
  notFoundHandler,
  type Lifecycle,
  type Logger,
  type Metrics,
} from '@fractafrag/core';
import { createApiClient, type Credentials } from './api-client.ts';
import { jsonRpcBodyErrors } from './http/json-rpc-body-errors.ts';
import { originValidation } from './http/origin-validation.ts';
import { createMcpMetrics } from './mcp-metrics.ts';
import { createRendersClient } from './renders-client.ts';
import type { ToolContext } from './tool-context.ts';
import { legacySseRoutes } from './transports/legacy-sse.transport.ts';
import { streamableHttpRoutes } from './transports/streamable-http.transport.ts';

export interface McpAppOptions {
  apiUrl: string;
  publicUrl: string;
  /** Where /renders/… thumbnails are fetched from; publicUrl when empty. */
  rendersUrl: string;
  /** Host names (no ports) allowed in Host and Origin headers. */
  allowedHosts: string[];
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
  sseKeepAliveMs?: number;
}

export interface McpApp {
  app: Express;
  /** Ends the open legacy SSE streams (on shutdown). */
  closeSessions: () => Promise<void>;
}

const BODY_LIMIT = '2mb';

/** /mcp (Streamable HTTP) and /mcp/sse + /mcp/messages (legacy SSE), plus /health, /ready, /metrics. */
export function createMcpApp(options: McpAppOptions): McpApp {
  const app = createHttpApp({
    logger: options.logger,
    metrics: options.metrics,
    lifecycle: options.lifecycle,
    readinessChecks: {
      api: async () => {
        const res = await fetch(new URL('/health', options.apiUrl), { signal: AbortSignal.timeout(2000) });
        if (!res.ok) throw new Error(`api answered ${res.status}`);
      },
    },
  });
  const mcpMetrics = createMcpMetrics(options.metrics);
  const renders = createRendersClient(options.rendersUrl || options.publicUrl, options.publicUrl);
  const contextFor = (credentials: Credentials): ToolContext => ({
    api: createApiClient(options.apiUrl, credentials),
    renders,
    publicUrl: options.publicUrl,
  });

  const mcp = express.Router();
  // DNS-rebinding protection: only our own host names may address the MCP endpoints.
  mcp.use(hostHeaderValidation(options.allowedHosts));
  mcp.use(originValidation(options.allowedHosts));
  mcp.use(express.json({ limit: BODY_LIMIT }));
  const sse = legacySseRoutes({
    contextFor,
    metrics: mcpMetrics,
    logger: options.logger,
    ...(options.sseKeepAliveMs ? { keepAliveMs: options.sseKeepAliveMs } : {}),
  });
  mcp.use(sse.router);
  mcp.use(streamableHttpRoutes({ contextFor, metrics: mcpMetrics }));
  mcp.use(jsonRpcBodyErrors(BODY_LIMIT));
  app.use('/mcp', mcp);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, closeSessions: () => sse.closeAll() };
}

export function parseAllowedHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}
