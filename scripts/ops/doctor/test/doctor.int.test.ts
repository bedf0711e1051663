import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/renderer-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface DoctorRun {
  code: number | null;
  output: string;
  /** status by check name, from the report's fixed columns. */
  statuses: Map<string, string>;
  lines: string[];
}

/** Runs `node scripts/ops/doctor.ts` as make doctor does, with only the given environment. */
function runDoctorProcess(env: Record<string, string>): Promise<DoctorRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/ops/doctor.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = output.trimEnd().split('\n');
      const statuses = new Map(
        lines
          .filter((line) => /^(ok|warn|FAIL) /.test(line))
          .map((line) => [line.slice(6, 24).trim(), line.slice(0, 6).trim()] as const),
      );
      resolve({ code, output, statuses, lines });
    });
  });
}

/** The line after a check's line: its fix. */
const fixOf = (run: DoctorRun, name: string) => {
  const at = run.lines.findIndex(
    (line) => /^(ok|warn|FAIL) /.test(line) && line.slice(6, 24).trim() === name,
  );
  const next = run.lines[at + 1] ?? '';
  return next.startsWith('      fix: ') ? next.slice('      fix: '.length) : null;
};

let db: TestDatabase;
let renders: string;
beforeAll(async () => {
  db = await createTestDatabase();
  renders = await mkdtemp(path.join(tmpdir(), 'fractafrag-doctor-renders-'));
});
afterAll(async () => {
  await db.drop();
  await rm(renders, { recursive: true, force: true });
});

describe('make doctor (node scripts/ops/doctor.ts)', () => {
  it('reports this machine healthy against a migrated database, the test Redis and real Chromium and nginx', async () => {
    const probe = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const [, policy] = (await probe.config('GET', 'maxmemory-policy')) as [string, string];
    const [, appendonly] = (await probe.config('GET', 'appendonly')) as [string, string];
    probe.disconnect();

    const run = await runDoctorProcess({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      RENDERS_DIR: renders,
    });

    const expected: Record<string, string> = {
      'config: api': 'ok',
      'config: worker': 'ok',
      'config: renderer': 'ok',
      'config: mcp': 'ok',
      'config: frontend': 'ok',
      'config: doctor': 'ok',
      postgres: 'ok',
      pgvector: 'ok',
      pg_trgm: 'ok',
      schema: 'ok',
      redis: 'ok',
      // The integration tests' Redis is whatever this machine runs: assert what it really is.
      'redis eviction': policy === 'noeviction' ? 'ok' : 'FAIL',
      'redis persistence': appendonly === 'yes' ? 'ok' : 'warn',
      chromium: 'ok',
      glslangValidator: 'ok',
      nginx: 'ok',
      'renders dir': 'ok',
      'disk: renders': 'ok',
      'disk: postgres': 'ok',
    };
    expect(Object.fromEntries(run.statuses), run.output).toEqual(expected);
    expect(run.code, run.output).toBe(policy === 'noeviction' ? 0 : 1);
    const counts = (label: string) => Object.values(expected).filter((s) => s === label).length;
    expect(run.lines.at(-1)).toBe(
      `doctor: ${counts('ok')} ok, ${counts('warn')} warn, ${counts('FAIL')} FAIL`,
    );
    expect(run.output).toMatch(/^ok {4}chromium {10}WebGL2 via .*SwiftShader/m);
    if (appendonly !== 'yes') expect(fixOf(run, 'redis persistence')).toContain('CONFIG SET appendonly yes');
  });

  it('exits 1 on a broken setup, with a FAIL line and a fix for each problem', async () => {
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const run = await runDoctorProcess({
      NODE_ENV: 'production',
      RENDER_TIMEOUT_MS: 'abc',
      DATABASE_URL: `postgres://fracta:fracta@127.0.0.1:${pgPort}/fractafrag`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      CHROMIUM_PATH: '/nonexistent',
      RENDERS_DIR: renders,
    });
    expect(run.code, run.output).toBe(1);
    expect(run.statuses.get('config: api')).toBe('FAIL');
    expect(fixOf(run, 'config: api')).toContain('openssl rand -hex 32');
    expect(run.statuses.get('config: worker')).toBe('FAIL');
    expect(fixOf(run, 'config: worker')).toContain('RENDER_TIMEOUT_MS');
    expect(run.statuses.get('config: mcp')).toBe('ok');
    expect(run.statuses.get('postgres')).toBe('FAIL');
    expect(run.output).toContain(`ECONNREFUSED 127.0.0.1:${pgPort}`);
    expect(fixOf(run, 'postgres')).toContain('start Postgres');
    expect(run.statuses.get('redis')).toBe('FAIL');
    expect(fixOf(run, 'redis')).toContain('start Redis');
    expect(run.statuses.get('chromium')).toBe('FAIL');
    expect(fixOf(run, 'chromium')).toContain('CHROMIUM_PATH');
    // What does not depend on the broken settings still passes.
    expect(run.statuses.get('nginx')).toBe('ok');
    expect(run.statuses.get('renders dir')).toBe('ok');
    expect(run.lines.at(-1)).toMatch(/^doctor: \d+ ok, \d+ warn, [1-9]\d* FAIL$/);
  });

  it('does not check Postgres against a default when DATABASE_URL is not a URL', async () => {
    const run = await runDoctorProcess({
      DATABASE_URL: 'not a url',
      REDIS_URL: TEST_REDIS_URL,
      RENDERS_DIR: renders,
    });
    expect(run.code).toBe(1);
    expect(run.statuses.get('config: api')).toBe('FAIL');
    expect(run.output).toMatch(/^FAIL {2}postgres {10}not checked: DATABASE_URL is invalid$/m);
    expect(run.statuses.get('pgvector')).toBeUndefined();
    expect(run.statuses.get('redis')).toBe('ok');
  });
});
