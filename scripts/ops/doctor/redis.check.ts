import { Redis } from 'ioredis';
import { errorMessage, fail, ok, redactUrl, warn, type CheckResult } from './check.ts';

export interface RedisCheckInput {
  REDIS_URL: string;
  /** Per connection attempt and command; the doctor's deadline still bounds the whole check. */
  timeoutMs?: number;
}

/** What INFO and CONFIG GET say about the settings BullMQ depends on. */
export interface RedisFacts {
  version: string;
  maxmemoryPolicy: string;
  aofEnabled: boolean;
  /** The RDB `save` schedule; null when CONFIG is disabled (managed Redis often renames it). */
  saveSchedule: string | null;
  /** The redis.conf the server was started with; empty when started from the command line only. */
  configFile: string;
}

/** A redis-cli command for the same server; --askpass instead of printing a password. */
export function redisCliCommand(url: string, args: string): string {
  const u = new URL(url);
  const auth = u.password ? `${u.username ? ` --user ${decodeURIComponent(u.username)}` : ''} --askpass` : '';
  const tls = u.protocol === 'rediss:' ? ' --tls' : '';
  return `redis-cli -h ${u.hostname || '127.0.0.1'} -p ${u.port || '6379'}${tls}${auth} ${args}`;
}

export function parseInfo(info: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return fields;
}

export async function inspectRedis(url: string, timeoutMs = 5000): Promise<RedisFacts> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() only says "Connection is closed"; the socket's own error says why (ECONNREFUSED, …).
  let socketError: Error | undefined;
  redis.on('error', (err: Error) => (socketError ??= err));
  try {
    await redis.connect().catch((err: unknown) => {
      throw socketError ?? err;
    });
    const info = parseInfo(await redis.info());
    const save = await redis
      .config('GET', 'save')
      .then((pair) => (Array.isArray(pair) ? String(pair[1] ?? '') : null))
      .catch(() => null);
    return {
      version: info.get('redis_version') ?? 'unknown',
      maxmemoryPolicy: info.get('maxmemory_policy') ?? 'unknown',
      aofEnabled: info.get('aof_enabled') === '1',
      saveSchedule: save,
      configFile: info.get('config_file') ?? '',
    };
  } finally {
    redis.disconnect();
  }
}

function persistently(facts: RedisFacts, url: string, setting: string): string {
  const [name, value] = setting.split(' ');
  return facts.configFile
    ? `and to keep it after a restart put "${setting}" in ${facts.configFile} (or run ${redisCliCommand(url, 'CONFIG REWRITE')})`
    : `and to keep it after a restart start redis-server with --${name} ${value} (the native stack and docker-compose.yml do)`;
}

/** Turns what the server reported into report lines; pure, so every branch is testable. */
export function judgeRedis(facts: RedisFacts, url: string): CheckResult[] {
  const where = redactUrl(url);
  const server = ok('redis', `Redis ${facts.version} at ${where}`);
  const eviction =
    facts.maxmemoryPolicy === 'noeviction'
      ? ok('redis eviction', 'maxmemory-policy noeviction')
      : fail(
          'redis eviction',
          `maxmemory-policy is ${facts.maxmemoryPolicy}; BullMQ needs noeviction (an evicted job key loses the job)`,
          `${redisCliCommand(url, 'CONFIG SET maxmemory-policy noeviction')}, ${persistently(facts, url, 'maxmemory-policy noeviction')}`,
        );
  const aofFix = `${redisCliCommand(url, 'CONFIG SET appendonly yes')}, ${persistently(facts, url, 'appendonly yes')}`;
  let persistence: CheckResult;
  if (facts.aofEnabled) persistence = ok('redis persistence', 'AOF on');
  else if (facts.saveSchedule)
    persistence = warn(
      'redis persistence',
      `AOF off, RDB snapshots only (save ${facts.saveSchedule}): jobs queued since the last snapshot are lost if Redis stops`,
      aofFix,
    );
  else
    persistence = warn(
      'redis persistence',
      facts.saveSchedule === null
        ? 'AOF off (CONFIG is disabled, so the RDB schedule is unknown): queued jobs may be lost if Redis stops'
        : 'AOF off and no RDB snapshots: every queued job is lost when Redis stops',
      aofFix,
    );
  return [server, eviction, persistence];
}

export async function checkRedis(input: RedisCheckInput): Promise<CheckResult[]> {
  let facts: RedisFacts;
  try {
    facts = await inspectRedis(input.REDIS_URL, input.timeoutMs);
  } catch (err) {
    return [
      fail(
        'redis',
        `cannot reach ${redactUrl(input.REDIS_URL)}: ${errorMessage(err)}`,
        "start Redis (natively: make dev-up runs the stack's own on 6380; compose: docker compose up -d redis), or point REDIS_URL at a running server",
      ),
    ];
  }
  return judgeRedis(facts, input.REDIS_URL);
}
