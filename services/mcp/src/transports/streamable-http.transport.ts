import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { errorBody } from '@fractafrag/core';
import type { Credentials } from '../api-client.ts';
import { credentialsFrom } from '../http/credentials.ts';
import { countMessages, wantsProgress, type McpMetrics } from '../mcp-metrics.ts';
import { requestContext } from '../request-context.ts';
import { createServer } from '../server.ts';
import { refuseMalformedParams } from './params-guard.ts';
import type { ToolContext } from '../tool-context.ts';

export interface TransportDeps {
  contextFor(credentials: Credentials): ToolContext;
  metrics: McpMetrics;
}

/**
 * Streamable HTTP, stateless: every POST gets a fresh server and transport, so any instance can
 * answer any request. Replies are plain JSON, or an SSE stream when the client asked for progress
 * notifications (a progressToken), so those can be sent before the result.
 */
export function streamableHttpRoutes(deps: TransportDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    countMessages(deps.metrics, 'streamable-http', req.body);
    const server = createServer(deps.contextFor(credentialsFrom(req)));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: !wantsProgress(req.body),
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    refuseMalformedParams(transport);
    await requestContext.run({ requestId: req.id, clientIp: req.ip }, () =>
      // No SDK-level auth: the caller's credentials go to the API, which authenticates them.
      transport.handleRequest(req as IncomingMessage, res, req.body),
    );
  });
  router.all('/', (_req, res) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json(
        errorBody(
          'method_not_allowed',
          'This MCP endpoint is stateless: send JSON-RPC requests with POST (legacy SSE clients: GET /mcp/sse).',
        ),
      );
  });
  return router;
}
