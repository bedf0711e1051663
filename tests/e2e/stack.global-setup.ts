import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { acquireStackLock } from './stack-lock.ts';
import { E2E_DATABASE, E2E_DATABASE_URL } from './stack.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function stack(command: 'up' | 'down'): void {
  const result = spawnSync(process.execPath, ['scripts/native/stack.ts', command], {
    cwd: ROOT,
    stdio: 'inherit',
    // Every e2e file registers users from the same IP: scale the per-IP auth limits up.
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      NODE_ENV: 'development',
      RATE_LIMIT_SCALE: '20',
      // Dozens of browser tests share two cores with the renderer: thumbnails only keeps renders fast
      // (posters and previews are covered by the worker's integration tests).
      RENDER_EXTRA_ARTIFACTS: 'false',
    },
  });
  if (result.status !== 0) throw new Error(`native stack ${command} failed (exit ${result.status})`);
}

/**
 * Starts the native stack on a fresh database and an empty Redis, so every run sees the same
 * state: the seed shaders from db/init.sql and nothing else. Stops it afterwards.
 */
export default async function setup(): Promise<() => void> {
  // Machine-wide: every checkout's native stack uses the same ports.
  const release = await acquireStackLock(os.tmpdir());
  stack('down');
  const admin = new pg.Client({
    connectionString: E2E_DATABASE_URL.replace(`/${E2E_DATABASE}`, '/postgres'),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${E2E_DATABASE}`);
  await admin.end();
  rmSync(path.join(ROOT, '.run', 'redis'), { recursive: true, force: true });
  stack('up');
  return () => {
    try {
      if (process.env.E2E_KEEP_STACK !== '1') stack('down');
    } finally {
      release();
    }
  };
}
