import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createHttpApp, errorHandler, notFoundHandler } from '@fractafrag/core';
import { DASHBOARD_PATH, queueDashboard } from './admin/queue-dashboard.ts';
import { authenticate } from './auth/auth.middleware.ts';
import { COOKIE_AUTHENTICATED_PATHS } from './auth/refresh-cookie.ts';
import type { ApiDeps } from './deps.ts';
import { docsRoutes } from './docs/docs.routes.ts';
import { buildOpenApiDocument } from './docs/openapi.ts';
import { csrfGuard } from './http/csrf.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { createRouteTable } from './http/route.ts';
import { registerAllRoutes } from './routes.ts';

export type { ApiDeps } from './deps.ts';
export const JSON_BODY_LIMIT = '2mb';

export function createApiApp(deps: ApiDeps): Express {
  const { settings } = deps;
  const app = createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    lifecycle: deps.lifecycle,
    readinessChecks: {
      postgres: () => deps.pool.query('SELECT 1'),
      redis: () => deps.redis.ping(),
    },
  });
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  app.use(
    cors({
      // Default-deny outside development: only listed origins may call the API from a browser.
      origin: settings.nodeEnv === 'development' ? true : settings.corsOrigins,
      credentials: true,
      exposedHeaders: [
        'X-Request-ID',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
    }),
  );

  const table = createRouteTable({
    rateLimiter: createRateLimiter(
      deps.redis,
      settings.rateLimits,
      deps.logger,
      settings.rateLimitsEnabled,
      settings.rateLimitKeyPrefix,
    ),
    checkResponses: settings.nodeEnv !== 'production',
    logger: deps.logger,
    cacheScale: settings.listCacheScale,
    lifecycle: deps.lifecycle,
  });
  registerAllRoutes(table.route, deps);

  const v1 = express.Router();
  v1.use(COOKIE_AUTHENTICATED_PATHS, csrfGuard(settings));
  v1.use(express.json({ limit: JSON_BODY_LIMIT }));
  v1.use(cookieParser());
  v1.use(authenticate(deps.tokens, deps.pool));
  v1.use(table.router);
  app.use('/api/v1', v1);
  app.use(DASHBOARD_PATH, queueDashboard(deps));

  let document: Record<string, unknown> | undefined;
  app.use(docsRoutes(() => (document ??= buildOpenApiDocument(table.specs, settings.publicUrl))));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
