import type { Lifecycle, Logger, Metrics } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import type { Redis } from 'ioredis';
import type { TokenService } from './auth/tokens.ts';
import type { RateLimitRules } from './http/rate-limit.ts';
import type { RenderQueue } from './queue/render-queue.ts';

/** Everything the API's routes and services may use, built once in main.ts (or a test harness). */
export interface ApiDeps {
  pool: Pool;
  redis: Redis;
  renderQueue: RenderQueue;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
  settings: ApiSettings;
}

export interface ApiSettings {
  nodeEnv: 'development' | 'production' | 'test';
  publicUrl: string;
  rendersPublicPath: string;
  rendererUrl: string;
  /** The worker's internal HTTP app, which embeds search queries (POST /embed/text). */
  workerUrl: string;
  corsOrigins: string[];
  rateLimitsEnabled: boolean;
  rateLimits: RateLimitRules;
  /** Redis key prefix of the rate-limit counters (tests isolate themselves with their own). */
  rateLimitKeyPrefix: string;
  /** Scale of the routes' anonymous micro-cache TTLs (1 = as declared, 0 = off). */
  listCacheScale: number;
  refreshTokenTtlDays: number;
  cookieSecure: boolean;
}
