import express, { type Express } from 'express';
import {
  createHttpApp,
  errorHandler,
  notFoundHandler,
  type Lifecycle,
  type Logger,
  type Metrics,
} from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import type { Redis } from 'ioredis';
import { authenticate } from './auth/auth.middleware.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { TokenService } from './auth/tokens.ts';
import { feedRoutes } from './feed/feed.routes.ts';
import type { RenderQueue } from './queue/render-queue.ts';
import { shaderRoutes } from './shaders/shader.routes.ts';

export interface ApiDeps {
  pool: Pool;
  redis: Redis;
  renderQueue: RenderQueue;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
  rendersPublicPath: string;
}

export const JSON_BODY_LIMIT = '2mb';

export function createApiApp(deps: ApiDeps): Express {
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    lifecycle: deps.lifecycle,
    readinessChecks: {
      postgres: () => deps.pool.query('SELECT 1'),
      redis: () => deps.redis.ping(),
    },
  });
  const v1 = express.Router();
  v1.use(express.json({ limit: JSON_BODY_LIMIT }));
  v1.use(authenticate(deps.tokens));
  const shaderDeps = {
    pool: deps.pool,
    renderQueue: deps.renderQueue,
    rendersPublicPath: deps.rendersPublicPath,
    logger: deps.logger,
  };
  v1.use(authRoutes({ pool: deps.pool, tokens: deps.tokens }));
  v1.use(shaderRoutes(shaderDeps));
  v1.use(feedRoutes(shaderDeps));
  app.use('/api/v1', v1);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
