import { fileURLToPath } from 'node:url';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  errorHandler,
  frontendEnv,
  handleShutdown,
  loadConfig,
  notFoundHandler,
  runtimeEnv,
  type Lifecycle,
} from '@fractafrag/core';
import { serveSpa } from './static.ts';

/** Production frontend: the built SPA behind the same /health, /ready and /metrics as every service. */
const config = loadConfig({ ...runtimeEnv, ...frontendEnv });
const logger = createLogger('frontend', config.LOG_LEVEL);
const metrics = createMetrics('frontend');
const lifecycle: Lifecycle = { draining: false };
const distDir = fileURLToPath(new URL('../dist', import.meta.url));

const app = createHttpApp({ logger, metrics, lifecycle });
app.use(serveSpa(distDir));
app.use(notFoundHandler);
app.use(errorHandler);

const server = app.listen(config.FRONTEND_PORT, () => {
  logger.info({ port: config.FRONTEND_PORT, distDir }, 'frontend listening');
});
server.on('error', (err) => {
  logger.fatal({ err }, 'frontend server failed');
  process.exit(1);
});
handleShutdown({
  server,
  lifecycle,
  logger,
  timing: config,
});
