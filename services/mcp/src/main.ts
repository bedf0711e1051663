import {
  createLogger,
  createMetrics,
  handleShutdown,
  loadConfig,
  mcpEnv,
  runtimeEnv,
} from '@fractafrag/core';
import { createMcpApp, parseAllowedHosts } from './app.ts';

const config = loadConfig({ ...runtimeEnv, ...mcpEnv });
const logger = createLogger('mcp', config.LOG_LEVEL);
const lifecycle = { draining: false };
const { app, closeSessions } = createMcpApp({
  apiUrl: config.API_URL,
  publicUrl: config.PUBLIC_URL,
  rendersUrl: config.RENDERS_URL,
  allowedHosts: parseAllowedHosts(config.MCP_ALLOWED_HOSTS),
  logger,
  metrics: createMetrics('mcp'),
  lifecycle,
});

const server = app.listen(config.MCP_PORT, () => logger.info({ port: config.MCP_PORT }, 'mcp listening'));
handleShutdown({
  server,
  lifecycle,
  logger,
  timing: config,
  // Legacy SSE streams never end on their own: end them, so the server's close can complete.
  onStopAccepting: closeSessions,
});
