import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { AppError, type Logger } from '@fractafrag/core';

/**
 * read: every GET; write: other writes; auth: login and register (password guessing);
 * session: refresh (an unguessable token; every page load of a signed-in app spends one);
 * publish: new shaders and versions.
 */
export type RateLimitClass = 'read' | 'write' | 'auth' | 'session' | 'publish';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}
export type RateLimitRules = Record<RateLimitClass, RateLimitRule>;

export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  read: { limit: 600, windowMs: 60_000 },
  write: { limit: 120, windowMs: 60_000 },
  auth: { limit: 20, windowMs: 15 * 60_000 },
  session: { limit: 300, windowMs: 15 * 60_000 },
  publish: { limit: 60, windowMs: 60 * 60_000 },
};

// One round trip: count the hit in the current window and report the window's remaining time.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** Every limit multiplied by `scale` (RATE_LIMIT_SCALE; e.g. a test stack driven from one IP). */
export function scaleRateLimits(rules: RateLimitRules, scale: number): RateLimitRules {
  const scaled = {} as RateLimitRules;
  for (const [cls, rule] of Object.entries(rules) as [RateLimitClass, RateLimitRule][]) {
    scaled[cls] = { limit: Math.max(1, Math.round(rule.limit * scale)), windowMs: rule.windowMs };
  }
  return scaled;
}

/** Per API key, else per user, else per client IP. The MCP server's calls count against the same key. */
export function rateLimitIdentity(req: Request): string {
  if (req.auth?.apiKeyId) return `key:${req.auth.apiKeyId}`;
  if (req.auth) return `user:${req.auth.userId}`;
  return `ip:${req.ip ?? 'unknown'}`;
}

export function createRateLimiter(
  redis: Redis,
  rules: RateLimitRules,
  logger: Logger,
  enabled = true,
  keyPrefix = 'fracta:rl',
) {
  return (cls: RateLimitClass): RequestHandler =>
    async (req, res, next) => {
      if (!enabled) return next();
      const rule = rules[cls];
      const key = `${keyPrefix}:${cls}:${rateLimitIdentity(req)}`;
      let count: number;
      let ttlMs: number;
      try {
        [count, ttlMs] = (await redis.eval(HIT_SCRIPT, 1, key, String(rule.windowMs))) as [number, number];
      } catch (err) {
        // Availability beats strictness: when Redis is unreachable the request goes through.
        logger.warn({ err: (err as Error).message }, 'rate limiter unavailable; allowing request');
        return next();
      }
      const resetSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
      res.setHeader('X-RateLimit-Limit', String(rule.limit));
      res.setHeader('X-RateLimit-Remaining', String(Math.max(0, rule.limit - count)));
      res.setHeader('X-RateLimit-Reset', String(resetSeconds));
      if (count > rule.limit) {
        res.setHeader('Retry-After', String(resetSeconds));
        throw new AppError(429, 'rate_limited', `Too many ${cls} requests: retry in ${resetSeconds} s.`, {
          limit: rule.limit,
          windowSeconds: rule.windowMs / 1000,
        });
      }
      next();
    };
}
