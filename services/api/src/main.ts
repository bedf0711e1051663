import {
  apiEnv,
  createLogger,
  createMetrics,
  dbEnv,
  handleShutdown,
  loadConfig,
  trackDbPool,
  redisEnv,
  runtimeEnv,
  workerEnv,
} from '@fractafrag/core';
import { createPool, migrate } from '@fractafrag/db';
import { Redis } from 'ioredis';
import { createApiApp } from './app.ts';
import { createTokenService } from './auth/tokens.ts';
import { createRenderQueue } from './queue/render-queue.ts';
import { apiSettings } from './settings.ts';

const config = loadConfig({
  ...runtimeEnv,
  ...dbEnv,
  ...redisEnv,
  ...apiEnv,
  RENDERER_URL: workerEnv.RENDERER_URL,
});
const logger = createLogger('api', config.LOG_LEVEL);
const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX, (err) =>
  logger.warn({ err: err.message }, 'idle database connection lost'),
);

if (config.MIGRATE_ON_START) {
  const result = await migrate(pool);
  logger.info(result, 'database migrated');
}

const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const renderQueue = createRenderQueue(redis);
const lifecycle = { draining: false };
const metrics = createMetrics('api');
trackDbPool(metrics, pool);
const app = createApiApp({
  pool,
  redis,
  renderQueue,
  tokens: createTokenService(config.JWT_SECRET),
  logger,
  metrics,
  lifecycle,
  settings: apiSettings(config),
});

const server = app.listen(config.API_PORT, () => logger.info({ port: config.API_PORT }, 'api listening'));
handleShutdown({
  server,
  lifecycle,
  logger,
  timing: config,
  onDrain: async () => {
    await renderQueue.close();
    redis.disconnect();
    await pool.end();
  },
});
