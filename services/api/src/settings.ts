import type { ApiSettings } from './deps.ts';
import { DEFAULT_RATE_LIMITS, scaleRateLimits } from './http/rate-limit.ts';

interface ApiConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  PUBLIC_URL: string;
  RENDERS_PUBLIC_PATH: string;
  RENDERER_URL: string;
  WORKER_URL: string;
  CORS_ORIGINS: string;
  RATE_LIMITS_ENABLED: boolean;
  RATE_LIMIT_SCALE?: number;
  REFRESH_TOKEN_TTL_DAYS: number;
  COOKIE_SECURE: 'true' | 'false' | 'auto';
}

export function apiSettings(config: ApiConfig): ApiSettings {
  return {
    nodeEnv: config.NODE_ENV,
    publicUrl: config.PUBLIC_URL,
    rendersPublicPath: config.RENDERS_PUBLIC_PATH,
    rendererUrl: config.RENDERER_URL,
    workerUrl: config.WORKER_URL,
    corsOrigins: config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimitsEnabled: config.RATE_LIMITS_ENABLED,
    rateLimits: scaleRateLimits(DEFAULT_RATE_LIMITS, config.RATE_LIMIT_SCALE ?? 1),
    rateLimitKeyPrefix: 'fracta:rl',
    listCacheScale: 1,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    cookieSecure:
      config.COOKIE_SECURE === 'auto' ? config.NODE_ENV === 'production' : config.COOKIE_SECURE === 'true',
  };
}
