import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireStackLock } from '../e2e/stack-lock.ts';
import { FAULT_STACK_ENV, PG_DATA, RUN_DIR } from './fault-stack.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function stack(command: 'up' | 'down'): void {
  const result = spawnSync(process.execPath, ['scripts/native/stack.ts', command], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...FAULT_STACK_ENV },
  });
  if (result.status !== 0) throw new Error(`native stack ${command} failed (exit ${result.status})`);
}

/**
 * Starts the native stack with its own supervised Postgres (a fresh cluster) and an empty Redis,
 * under the same machine-wide lock as the e2e suite; stops it and removes the cluster afterwards.
 */
export default async function setup(): Promise<() => void> {
  const release = await acquireStackLock(os.tmpdir());
  const cleanUp = () => {
    try {
      stack('down');
    } finally {
      rmSync(PG_DATA, { recursive: true, force: true });
      release();
    }
  };
  try {
    stack('down');
    rmSync(PG_DATA, { recursive: true, force: true });
    rmSync(path.join(RUN_DIR, 'redis'), { recursive: true, force: true });
    stack('up');
  } catch (err) {
    cleanUp();
    throw err;
  }
  return cleanUp;
}
