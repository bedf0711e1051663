import os from 'node:os';
import { z } from 'zod';

/**
 * Environment variables, split by concern. Each service picks the concerns it needs and calls
 * `loadConfig` once at start-up; nothing else reads process.env. Every variable has a documented
 * default (README "Configuration"), except secrets that must be set outside development.
 */
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const runtimeEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** After SIGTERM, /ready answers 503 for this long while requests are still served (load balancers). */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** After SIGTERM, in-flight requests and jobs get this long before the process exits anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(8000),
};
export const dbEnv = {
  DATABASE_URL: z.url().default('postgres://fracta:fracta@127.0.0.1:5432/fractafrag'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
};
export const redisEnv = {
  REDIS_URL: z.url().default('redis://127.0.0.1:6380'),
};
export const apiEnv = {
  API_PORT: port(8000),
  JWT_SECRET: z.string().min(16).default('dev-only-secret-change-me-please'),
  PUBLIC_URL: z.url().default('http://localhost:8080'),
  RENDERS_PUBLIC_PATH: z.string().startsWith('/').default('/renders'),
  MIGRATE_ON_START: bool(true),
  /** Comma-separated origins allowed by CORS; empty denies all cross-origin requests (development allows any). */
  CORS_ORIGINS: z.string().default(''),
  RATE_LIMITS_ENABLED: bool(true),
  /** Multiplies every rate limit (e.g. a test stack driven from one IP). */
  RATE_LIMIT_SCALE: z.coerce.number().min(0.01).max(1000).default(1),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Secure flag on the refresh cookie; defaults to true in production. */
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /** The worker's internal HTTP port, which embeds search queries (GET /shaders/semantic). */
  WORKER_URL: z.url().default('http://127.0.0.1:8001'),
};
export const rendererEnv = {
  RENDERER_PORT: port(3100),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  RENDERER_POOL_SIZE: z.coerce.number().int().min(1).max(32).default(os.availableParallelism()),
  RENDER_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(5000),
  RENDERER_QUEUE_MAX: z.coerce.number().int().min(1).max(10_000).default(64),
  /** swiftshader (CPU, exact loops; the default), llvmpipe (Mesa on the CPU), gpu (the machine's GPU). */
  RENDERER_GL_BACKEND: z.enum(['swiftshader', 'llvmpipe', 'gpu']).default('swiftshader'),
  /** Extra Chromium flags, space-separated (diagnostics; e.g. --disable-webgl to test the start-up check). */
  RENDERER_CHROMIUM_FLAGS: z.string().default(''),
  /** The compiler of the pre-check that refuses macro bombs before Chromium: a name on PATH or a path. */
  GLSLANG_VALIDATOR_PATH: z.string().min(1).default('glslangValidator'),
};
export const workerEnv = {
  WORKER_PORT: port(8001),
  RENDERER_URL: z.url().default('http://127.0.0.1:3100'),
  RENDERS_DIR: z.string().default('.run/renders'),
  RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * A job's lock lasts this long (renewed at half of it while the job runs), and every this often
   * the worker moves jobs whose lock expired, because their worker died, back to waiting. Lower it
   * to reclaim a killed worker's jobs sooner; it must stay well above event-loop stalls.
   */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /**
   * After a shader's thumbnail, also render its poster (1280x720 still) and animated preview
   * (480x270 WebP); false renders thumbnails only (about three times fewer renderer calls).
   */
  RENDER_EXTRA_ARTIFACTS: bool(true),
};
export const mcpEnv = {
  MCP_PORT: port(3200),
  API_URL: z.url().default('http://127.0.0.1:8000'),
  MCP_ALLOWED_HOSTS: z.string().default('localhost,127.0.0.1'),
  /** Public base URL, for absolute links (thumbnails) in tool results. */
  PUBLIC_URL: z.url().default('http://localhost:8080'),
  /** Where the MCP server fetches /renders/… thumbnails (nginx); empty: PUBLIC_URL. */
  RENDERS_URL: z.union([z.url(), z.literal('')]).default(''),
};
export const frontendEnv = {
  FRONTEND_PORT: port(5173),
};
/** `make doctor`: how long each check may take, and where disk space turns into a warning or a failure. */
export const doctorEnv = {
  /** Per check; the Chromium check gets three times this (a cold browser start on a busy machine). */
  DOCTOR_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(10_000),
  DOCTOR_DISK_WARN_MIB: z.coerce.number().int().min(0).default(2048),
  DOCTOR_DISK_FAIL_MIB: z.coerce.number().int().min(0).default(200),
  /** Host folder of Postgres's data (empty: ask the server, which works when it runs on this machine). */
  POSTGRES_DATA_DIR: z.string().default(''),
};
/** `make backup` / `make restore` (scripts/ops); they also read DATABASE_URL and RENDERS_DIR. */
export const opsEnv = {
  /** Where backups are written (a dump and a renders archive per run, named by database and time). */
  BACKUP_DIR: z.string().min(1).default('backups'),
  /** Back up and restore the renders directory too; false: the database only. */
  BACKUP_RENDERS: bool(true),
};

export class ConfigError extends Error {}

export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (
    'JWT_SECRET' in config &&
    config.JWT_SECRET === apiEnv.JWT_SECRET.parse(undefined) &&
    'NODE_ENV' in config &&
    config.NODE_ENV === 'production'
  ) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: must be set to a private value in production',
    );
  }
  return config;
}
