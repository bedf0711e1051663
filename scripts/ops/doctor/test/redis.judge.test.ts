import { describe, expect, it } from 'vitest';
import { judgeRedis, parseInfo, redisCliCommand, type RedisFacts } from '../redis.check.ts';

const healthy: RedisFacts = {
  version: '7.2.4',
  maxmemoryPolicy: 'noeviction',
  aofEnabled: true,
  saveSchedule: '',
  configFile: '',
};
const judge = (facts: Partial<RedisFacts>, url = 'redis://127.0.0.1:6380') =>
  new Map(judgeRedis({ ...healthy, ...facts }, url).map((r) => [r.name, r] as const));

describe('judging Redis', () => {
  it('passes noeviction with AOF', () => {
    expect([...judge({}).values()].map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('fails any other eviction policy, with the live fix and the command-line flag', () => {
    const result = judge({ maxmemoryPolicy: 'allkeys-lru' }).get('redis eviction')!;
    expect(result.status).toBe('fail');
    expect(result.fix).toBe(
      'redis-cli -h 127.0.0.1 -p 6380 CONFIG SET maxmemory-policy noeviction, and to keep it after a restart start redis-server with --maxmemory-policy noeviction (the native stack and docker-compose.yml do)',
    );
  });

  it('names the redis.conf to edit when the server was started from one', () => {
    const result = judge({ maxmemoryPolicy: 'volatile-lru', configFile: '/etc/redis/redis.conf' }).get(
      'redis eviction',
    )!;
    expect(result.fix).toContain('put "maxmemory-policy noeviction" in /etc/redis/redis.conf');
    expect(result.fix).toContain('CONFIG REWRITE');
  });

  it('warns when persistence is off or RDB only', () => {
    expect(judge({ aofEnabled: false, saveSchedule: '' }).get('redis persistence')).toMatchObject({
      status: 'warn',
      detail: 'AOF off and no RDB snapshots: every queued job is lost when Redis stops',
    });
    const rdb = judge({ aofEnabled: false, saveSchedule: '3600 1' }).get('redis persistence')!;
    expect(rdb.status).toBe('warn');
    expect(rdb.fix).toContain('CONFIG SET appendonly yes');
  });

  it('asks for the password instead of printing it', () => {
    const command = redisCliCommand('redis://app:hunter2@cache:6390', 'PING');
    expect(command).toBe('redis-cli -h cache -p 6390 --user app --askpass PING');
  });

  it('reads INFO fields', () => {
    const info = parseInfo('# Memory\r\nmaxmemory_policy:noeviction\r\n# Persistence\r\naof_enabled:1\r\n');
    expect(info.get('maxmemory_policy')).toBe('noeviction');
    expect(info.get('aof_enabled')).toBe('1');
  });
});
