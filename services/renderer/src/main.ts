import { createLogger, handleShutdown, loadConfig, rendererEnv, runtimeEnv } from '@fractafrag/core';
import { startRenderer } from './server.ts';
import { PrecheckUnavailableError } from './glslang-precheck.ts';
import { WebGlUnavailableError } from './webgl-check.ts';

const config = loadConfig({ ...runtimeEnv, ...rendererEnv });
const logger = createLogger('renderer', config.LOG_LEVEL);
const lifecycle = { draining: false };

let renderer;
try {
  renderer = await startRenderer({ config, logger, lifecycle });
} catch (err) {
  if (!(err instanceof WebGlUnavailableError) && !(err instanceof PrecheckUnavailableError)) throw err;
  logger.fatal(
    {
      backend: config.RENDERER_GL_BACKEND,
      chromium: config.CHROMIUM_PATH,
      glslang: config.GLSLANG_VALIDATOR_PATH,
    },
    err.message,
  );
  process.exit(1);
}
logger.info(
  {
    port: config.RENDERER_PORT,
    pool: config.RENDERER_POOL_SIZE,
    backend: config.RENDERER_GL_BACKEND,
    renderer: renderer.webgl.renderer,
  },
  'renderer listening',
);
handleShutdown({
  server: renderer.server,
  lifecycle,
  logger,
  timing: config,
  onDrain: () => renderer.closeBrowsers(),
});
