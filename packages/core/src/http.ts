import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { z } from 'zod';
import { clientErrorFor } from './client-errors.ts';
import { AppError, errorBody } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { isDependencyOutage } from './outage.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
    }
  }
}

export interface Lifecycle {
  draining: boolean;
  /** Handlers still running; a client that hangs up does not end its handler's database work. */
  inFlight?: number;
}

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
  /** Dependency checks for /ready; each throws when its dependency is unreachable. */
  readinessChecks?: Record<string, () => Promise<unknown>>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Express app with request ids, JSON access logs, metrics, /health, /ready and /metrics. */
export function createHttpApp({ logger, metrics, lifecycle, readinessChecks = {} }: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // nginx sits on loopback (native) or a private Docker network (compose): trust X-Forwarded-For from those only.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

  app.use((req, res, next) => {
    const incoming = req.header('x-request-id');
    req.id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ request_id: req.id });
    res.setHeader('X-Request-ID', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (req.route as { path?: string } | undefined)?.path
        ? `${req.baseUrl}${(req.route as { path: string }).path}`
        : 'unmatched';
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (req.path !== '/health' && req.path !== '/metrics') {
        req.log.info(
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) },
          'request',
        );
      }
    });
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    if (lifecycle.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const results: Record<string, string> = {};
    let ok = true;
    for (const [name, check] of Object.entries(readinessChecks)) {
      try {
        await check();
        results[name] = 'ok';
      } catch (err) {
        ok = false;
        results[name] = err instanceof Error ? err.message : 'failed';
      }
    }
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not_ready', checks: results });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return app;
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No route for ${req.method} ${req.path}.`));
};

/** Maps every thrown error to the one error shape; 5xx never leaks internals. */
export const errorHandler: ErrorRequestHandler = (thrown: unknown, req, res, _next) => {
  const err = clientErrorFor(thrown) ?? thrown;
  if (err instanceof AppError) {
    if (err.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(err.status).json(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err instanceof z.ZodError) {
    res.status(422).json(
      errorBody(
        'validation_failed',
        'The request is invalid: see details for each field to fix.',
        err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      ),
    );
    return;
  }
  const status = (err as { status?: number; type?: string }).status;
  if (status === 413) {
    res.status(413).json(errorBody('payload_too_large', 'The request body is too large.'));
    return;
  }
  if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json(errorBody('malformed_json', 'The request body is not valid JSON.'));
    return;
  }
  // Postgres or Redis restarting is not a bug: 503 tells the client to retry shortly.
  if (isDependencyOutage(err)) {
    req.log.warn({ err }, 'a backing service is unavailable');
    res.setHeader('Retry-After', '2');
    res
      .status(503)
      .json(errorBody('unavailable', 'A backing service is restarting; retry in a few seconds.'));
    return;
  }
  req.log.error({ err }, 'unhandled error');
  res
    .status(500)
    .json(errorBody('internal', 'Something went wrong on our side; the request id identifies it.'));
};

export interface ShutdownOptions {
  server: Server;
  lifecycle: Lifecycle;
  logger: Logger;
  /** Runs at the signal itself, before the delay: stop taking new background work (queue jobs). */
  onDraining?: () => void;
  /** Runs when the server stops accepting: end long-lived streams (SSE) so that closing can complete. */
  onStopAccepting?: () => Promise<void>;
  /** Runs after in-flight requests finished: stop workers, close pools and connections. */
  onDrain?: () => Promise<void>;
  /**
   * SHUTDOWN_DELAY_MS: how long /ready answers 503 while the server still serves, so a load
   * balancer stops routing here. SHUTDOWN_GRACE_MS: hard limit from the signal to exit; past it the
   * process exits 1 (jobs come back as stalled).
   */
  timing?: { SHUTDOWN_DELAY_MS: number; SHUTDOWN_GRACE_MS: number };
}

/**
 * On SIGTERM/SIGINT: readiness turns 503 (draining) at once; after `delayMs` the server stops
 * accepting connections, in-flight requests finish, then `onDrain` finishes jobs and closes pools,
 * and the process exits 0, or 1 when the grace period runs out first.
 */
export function handleShutdown({
  server,
  lifecycle,
  logger,
  onDraining = () => {},
  onStopAccepting = async () => {},
  onDrain = async () => {},
  timing = { SHUTDOWN_DELAY_MS: 0, SHUTDOWN_GRACE_MS: 10_000 },
}: ShutdownOptions): void {
  const { SHUTDOWN_DELAY_MS: delayMs, SHUTDOWN_GRACE_MS: graceMs } = timing;
  const shutdown = (signal: string) => {
    if (lifecycle.draining) return;
    lifecycle.draining = true;
    const started = Date.now();
    logger.info({ signal, delay_ms: delayMs, grace_ms: graceMs }, 'draining');
    onDraining();
    const timer = setTimeout(() => {
      logger.warn({ in_flight: lifecycle.inFlight ?? 0 }, 'grace period over; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    // In-flight requests finish first (server.close waits for them); only then do pools close.
    new Promise((r) => setTimeout(r, delayMs))
      .then(() => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        return onStopAccepting().then(() => {
          server.closeIdleConnections();
          return closed;
        });
      })
      .then(() => waitUntil(() => !lifecycle.inFlight))
      .then(onDrain)
      .then(() => {
        logger.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error while draining');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 25));
}
