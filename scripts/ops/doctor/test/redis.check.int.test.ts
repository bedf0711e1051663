import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/renderer-process.ts';
import { checkRedis } from '../redis.check.ts';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const byName = (results: Awaited<ReturnType<typeof checkRedis>>) =>
  new Map(results.map((r) => [r.name, r] as const));

/** Runs the first command of a fix ("<command>, and to keep it …") exactly as printed. */
async function runPrintedFix(fix: string): Promise<void> {
  const command = fix.split(', and ')[0]!;
  expect(command).toMatch(/^redis-cli /);
  await promisify(execFile)('bash', ['-c', command], { timeout: 10_000 });
}

async function waitForPing(url: string, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    } finally {
      redis.disconnect();
    }
  }
}

describe('redis check', () => {
  it("reports this machine's test Redis as it is configured", async () => {
    const probe = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const [, policy] = (await probe.config('GET', 'maxmemory-policy')) as [string, string];
    const [, appendonly] = (await probe.config('GET', 'appendonly')) as [string, string];
    probe.disconnect();
    const results = byName(await checkRedis({ REDIS_URL: TEST_REDIS_URL }));
    expect(results.get('redis')!.status).toBe('ok');
    expect(results.get('redis eviction')!.status).toBe(policy === 'noeviction' ? 'ok' : 'fail');
    expect(results.get('redis persistence')!.status).toBe(appendonly === 'yes' ? 'ok' : 'warn');
  });

  it('fails with the start step when nothing listens at REDIS_URL', async () => {
    const port = await freePort();
    const results = await checkRedis({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ name: 'redis', status: 'fail' });
    expect(results[0]!.detail).toContain('ECONNREFUSED');
    expect(results[0]!.fix).toContain('docker compose up -d redis');
  });

  describe('a Redis that evicts keys and keeps nothing on disk', () => {
    let server: ChildProcess;
    let dir: string;
    let url: string;
    beforeAll(async () => {
      const port = await freePort();
      dir = await mkdtemp(path.join(tmpdir(), 'fractafrag-doctor-redis-'));
      url = `redis://127.0.0.1:${port}`;
      server = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--maxmemory-policy',
          'allkeys-lru',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ],
        { stdio: 'ignore' },
      );
      await waitForPing(url, 15_000);
    });
    afterAll(async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // SIGTERM would wait for the AOF rewrite the fix started; FORCE also stops that child.
        const client = new Redis(url, { maxRetriesPerRequest: 0 });
        client.on('error', () => undefined);
        await client.call('SHUTDOWN', 'NOSAVE', 'FORCE').catch(() => undefined);
        client.disconnect();
        const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(dir, { recursive: true, force: true });
    });

    it('fails the eviction policy with CONFIG SET and the start-up flag, and warns that persistence is off', async () => {
      const results = byName(await checkRedis({ REDIS_URL: url }));
      expect(results.get('redis')!.status).toBe('ok');
      const eviction = results.get('redis eviction')!;
      expect(eviction.status).toBe('fail');
      expect(eviction.detail).toContain('maxmemory-policy is allkeys-lru');
      expect(eviction.fix).toContain('CONFIG SET maxmemory-policy noeviction');
      expect(eviction.fix).toContain('--maxmemory-policy noeviction');
      const persistence = results.get('redis persistence')!;
      expect(persistence.status).toBe('warn');
      expect(persistence.fix).toContain('CONFIG SET appendonly yes');
    });

    it('passes once the printed fixes are run', async () => {
      const before = byName(await checkRedis({ REDIS_URL: url }));
      await runPrintedFix(before.get('redis eviction')!.fix!);
      await runPrintedFix(before.get('redis persistence')!.fix!);
      const after = byName(await checkRedis({ REDIS_URL: url }));
      expect(after.get('redis eviction')!.status).toBe('ok');
      expect(after.get('redis persistence')).toMatchObject({ status: 'ok', detail: 'AOF on' });
    });
  });
});
