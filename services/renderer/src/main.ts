import { createLogger, handleShutdown, loadConfig, rendererEnv, runtimeEnv } from '@fractafrag/core';
import { startRenderer } from './server.ts';

const config = loadConfig({ ...runtimeEnv, ...rendererEnv });
const logger = createLogger('renderer', config.LOG_LEVEL);
const lifecycle = { draining: false };

const renderer = await startRenderer({ config, logger, lifecycle });
logger.info(
  { port: config.RENDERER_PORT, pool: config.RENDERER_POOL_SIZE, backend: config.RENDERER_GL_BACKEND },
  'renderer listening',
);
handleShutdown(renderer.server, lifecycle, logger, () => renderer.closeBrowsers());
