import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { nativePort, serviceSpec, type ServiceName } from '@fractafrag/core/topology';
import { eventually } from '../support/eventually.ts';

/**
 * The fault suite's native stack: everything the stack runner reads from the environment, and the
 * supervisord and health-gate probes the test uses to watch a killed service come back.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const RUN_DIR = path.join(ROOT, '.run');
export const PG_PORT = 5433;
/** A data folder of its own, created fresh each run and removed after it. */
export const PG_DATA = `/var/tmp/fractafrag-pg-fault-${PG_PORT}`;
export const BASE_URL = `http://localhost:${nativePort('nginx')}`;
export const ARTIFACTS_DIR = path.join(ROOT, 'test-results', 'fault');
mkdirSync(ARTIFACTS_DIR, { recursive: true });

export const FAULT_STACK_ENV: Record<string, string> = {
  STACK_POSTGRES: 'managed',
  STACK_PG_PORT: String(PG_PORT),
  STACK_PG_DATA: PG_DATA,
  DATABASE_URL: 'postgres://fracta:fracta@127.0.0.1:5432/fractafrag',
  NODE_ENV: 'development',
  // One client IP submits a few hundred shaders: lift the per-IP publish limit out of the way.
  RATE_LIMIT_SCALE: '100',
  RENDER_EXTRA_ARTIFACTS: 'false',
  // A killed worker's jobs come back after about this long; a lost enqueue after the reconcile interval.
  WORKER_STALLED_INTERVAL_MS: '5000',
  RECONCILE_INTERVAL_MS: '5000',
};

const run = promisify(execFile);

export function supervisorctl(...args: string[]): string {
  return spawnSync('supervisorctl', ['-c', path.join(RUN_DIR, 'supervisord.conf'), ...args], {
    encoding: 'utf8',
  }).stdout;
}

/** supervisord's view of one program: its state (RUNNING, BACKOFF, STARTING…) and pid when running. */
export function programStatus(name: ServiceName): { state: string; pid: number | undefined } {
  const line = supervisorctl('status', name).trim();
  const [, state = 'UNKNOWN'] = line.split(/\s+/);
  const pid = /pid (\d+)/.exec(line)?.[1];
  return { state, pid: pid ? Number(pid) : undefined };
}

async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    await run(cmd, args, { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line contains `text`. */
export function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

/** Folders in the temp folder whose name starts with `prefix`. */
export const profileDirs = (prefix: string) =>
  readdirSync(os.tmpdir()).filter((name) => name.startsWith(prefix));

/** How often supervisord has seen the program exit on its own with a status (a start that failed). */
export function failedStarts(name: ServiceName): number {
  const log = readFileSync(path.join(RUN_DIR, 'logs', 'supervisord.log'), 'utf8');
  return log.split('\n').filter((line) => line.includes(`exited: ${name} (exit status`)).length;
}

/** The health gate of each service: /ready (its dependencies reachable), redis PING, pg_isready. */
export async function healthGate(name: ServiceName): Promise<boolean> {
  if (name === 'postgres')
    return succeeds('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres']);
  if (name === 'redis') return succeeds('redis-cli', ['-p', String(nativePort('redis')), 'ping']);
  const readyPath = serviceSpec(name).healthPath === '/' ? '/' : '/ready';
  try {
    const res = await fetch(`http://127.0.0.1:${nativePort(name)}${readyPath}`, {
      signal: AbortSignal.timeout(3000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export { eventually };

const psql = (sql: string) =>
  ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-d', 'postgres', '-Atc', sql] as const;

/**
 * Starts a CPU-bound query (a few seconds) on the managed cluster and resolves once it runs. A
 * backend busy computing does not notice its postmaster dying: it keeps the old shared memory
 * attached until the query ends, and until then a new postmaster refuses to start.
 */
export async function startBusyBackend(): Promise<{ exited: Promise<void> }> {
  const child = spawn('psql', psql('SELECT count(*) AS busy_backend FROM generate_series(1, 40000000)'), {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(
    'the busy query to run',
    async () => {
      const { stdout } = await run(
        'psql',
        psql(
          "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%AS busy_backend%' AND pid <> pg_backend_pid()",
        ),
      );
      return stdout.trim() === '1' || undefined;
    },
    30_000,
    50,
  );
  return { exited };
}
