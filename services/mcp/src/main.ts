import express from 'express';
import { hostHeaderValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  errorBody,
  errorHandler,
  handleShutdown,
  loadConfig,
  mcpEnv,
  notFoundHandler,
  runtimeEnv,
} from '@fractafrag/core';
import { createApiClient } from './api-client.ts';
import { createServer } from './server.ts';

const config = loadConfig({ ...runtimeEnv, ...mcpEnv });
const logger = createLogger('mcp', config.LOG_LEVEL);
const lifecycle = { draining: false };
const app = createHttpApp({
  logger,
  metrics: createMetrics('mcp'),
  lifecycle,
  readinessChecks: {
    api: async () => {
      const res = await fetch(new URL('/health', config.API_URL), { signal: AbortSignal.timeout(2000) });
      if (!res.ok) throw new Error(`api answered ${res.status}`);
    },
  },
});

// DNS-rebinding protection: only our own host names may address the MCP endpoint.
const mcp = express.Router();
mcp.use(hostHeaderValidation(config.MCP_ALLOWED_HOSTS.split(',').map((h) => h.trim())));
mcp.use(express.json({ limit: '2mb' }));
mcp.post('/', async (req, res) => {
  const server = createServer(createApiClient(config.API_URL, req.header('authorization'), req.id));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
mcp.all('/', (_req, res) => {
  res
    .status(405)
    .set('Allow', 'POST')
    .json(
      errorBody('method_not_allowed', 'This MCP endpoint is stateless: send JSON-RPC requests with POST.'),
    );
});
app.use('/mcp', mcp);
app.use(notFoundHandler);
app.use(errorHandler);

const server = app.listen(config.MCP_PORT, () => logger.info({ port: config.MCP_PORT }, 'mcp listening'));
handleShutdown(server, lifecycle, logger);
