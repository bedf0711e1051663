import {
  createHttpApp,
  errorHandler,
  notFoundHandler,
  type Lifecycle,
  type Logger,
  type Metrics,
} from '@fractafrag/core';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { QueueFullError, type BrowserPool } from './browser-pool.ts';
import { renderRoutes } from './render.routes.ts';
import type { RenderDeps } from './render.service.ts';

export interface RendererAppOptions {
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
  pool: BrowserPool;
  deps: RenderDeps;
}

/** Five passes of 64 KiB each, JSON-escaped, fit well inside this. */
const BODY_LIMIT = '2mb';

const retryAfter: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof QueueFullError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  next(err);
};

export function createRendererApp({ logger, metrics, lifecycle, pool, deps }: RendererAppOptions): Express {
  const app = createHttpApp({
    logger,
    metrics,
    lifecycle,
    readinessChecks: {
      browsers: () =>
        pool.warmCount() > 0 ? Promise.resolve() : Promise.reject(new Error('no warm browser yet')),
    },
  });
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(renderRoutes(deps));
  app.use(notFoundHandler);
  app.use(retryAfter);
  app.use(errorHandler);
  return app;
}
