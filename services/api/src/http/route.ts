import { Router, type Request, type Response, type RequestHandler } from 'express';
import type { z } from 'zod';
import { forbidden, type Lifecycle, type Logger, unauthorized } from '@fractafrag/core';
import type { AuthContext } from '../auth/auth-context.ts';
import type { RateLimitClass } from './rate-limit.ts';
import { MicroCache } from './micro-cache.ts';
import { parse } from './validate.ts';

export type AuthRequirement = 'public' | 'user' | 'write';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Non-JSON bodies (images, attachments). */
  contentType?: string;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path relative to /api/v1, e.g. `/shaders/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** public: anyone (auth optional); user: logged in or API key; write: a token or key with write scope. */
  auth?: AuthRequirement;
  rateLimit?: RateLimitClass;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseSpec>;
  /** Anonymous 200 replies may be served from a short in-process cache (seconds; see MicroCache). */
  cacheSeconds?: number;
}

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  auth: AuthContext | undefined;
  req: Request;
  res: Response;
}

/** What a handler returns: a status and JSON body, or nothing when it wrote the response itself. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

export interface RouteTableOptions {
  rateLimiter: (cls: RateLimitClass) => RequestHandler;
  /** Check every JSON reply against its documented schema (on in development and tests). */
  checkResponses: boolean;
  logger: Logger;
  /** Multiplies every route's cacheSeconds; 0 turns the cache off (tests). */
  cacheScale: number;
  /** Counts running handlers, so shutdown can wait for them before closing pools. */
  lifecycle: Lifecycle;
}

/**
 * One place where a route is declared: the same spec validates input, enforces auth and rate
 * limits, and documents the route in the OpenAPI document (see openapi.ts).
 */
export function createRouteTable(options: RouteTableOptions) {
  const router = Router();
  const specs: AnyRouteSpec[] = [];
  const cache = new MicroCache();

  function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
    spec: RouteSpec<P, Q, B>,
    handler: (input: RouteInput<P, Q, B>) => Promise<Reply> | Reply,
  ): void {
    specs.push(spec as unknown as AnyRouteSpec);
    const auth = spec.auth ?? 'public';
    const limiter = options.rateLimiter(spec.rateLimit ?? (spec.method === 'get' ? 'read' : 'write'));
    router[spec.method](spec.path, limiter, async (req: Request, res: Response) => {
      if (auth !== 'public' && !req.auth) throw unauthorized();
      if (auth === 'write' && !req.auth?.scopes.includes('write')) {
        throw forbidden('This API key has only the read scope; create a key with the write scope.');
      }
      const cacheMs = !req.auth ? (spec.cacheSeconds ?? 0) * 1000 * options.cacheScale : 0;
      const cached = cacheMs > 0 ? cache.get(req.originalUrl) : undefined;
      if (cached !== undefined) {
        res.status(200).type('application/json').send(cached);
        return;
      }
      const input = {
        params: spec.params ? parse(spec.params, req.params, 'path') : req.params,
        query: spec.query ? parse(spec.query, req.query, 'query') : req.query,
        body: spec.body ? parse(spec.body, req.body ?? {}, 'body') : undefined,
        auth: req.auth,
        req,
        res,
      } as RouteInput<P, Q, B>;
      const { lifecycle } = options;
      lifecycle.inFlight = (lifecycle.inFlight ?? 0) + 1;
      let reply: Reply;
      try {
        reply = await handler(input);
      } finally {
        lifecycle.inFlight -= 1;
      }
      if (!reply) return;
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      if (reply.body === undefined) {
        res.status(reply.status).end();
        return;
      }
      if (options.checkResponses) checkReply(spec as unknown as AnyRouteSpec, reply, options.logger);
      const json = JSON.stringify(reply.body);
      if (cacheMs > 0 && reply.status === 200) cache.set(req.originalUrl, json, cacheMs);
      res.status(reply.status).type('application/json').send(json);
    });
  }

  return { router, specs, route };
}

function checkReply(spec: AnyRouteSpec, reply: NonNullable<Reply>, logger: Logger): void {
  const documented = spec.responses[reply.status];
  if (!documented)
    throw new Error(
      `${spec.method.toUpperCase()} ${spec.path} replied ${reply.status}, which is not documented`,
    );
  if (!documented.schema) return;
  const result = documented.schema.safeParse(reply.body);
  if (!result.success) {
    logger.error(
      { route: spec.path, issues: result.error.issues.slice(0, 5) },
      'reply does not match its schema',
    );
    throw new Error(
      `${spec.method.toUpperCase()} ${spec.path} replied with a body that does not match its documented schema`,
    );
  }
}

export type RouteTable = ReturnType<typeof createRouteTable>;
export type DefineRoute = RouteTable['route'];
