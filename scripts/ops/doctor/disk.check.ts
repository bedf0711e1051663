import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPool } from '@fractafrag/db';
import { errorCode, errorMessage, fail, ok, warn, type CheckResult } from './check.ts';

export interface DiskCheckInput {
  /** Absolute. */
  RENDERS_DIR: string;
  /** Empty: ask the server for its data_directory (when it runs on this machine). */
  POSTGRES_DATA_DIR: string;
  DATABASE_URL: string;
  DOCTOR_DISK_WARN_MIB: number;
  DOCTOR_DISK_FAIL_MIB: number;
}

const MIB = 1024 * 1024;
const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '::1', '[::1]']);

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * MIB ? `${(bytes / (1024 * MIB)).toFixed(1)} GiB` : `${Math.floor(bytes / MIB)} MiB`;
}

/** The folder itself, or the closest ancestor that exists (a folder not created yet lives there). */
async function nearestExisting(dir: string): Promise<string> {
  let current = dir;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch (err) {
      const parent = path.dirname(current);
      if (errorCode(err) !== 'ENOENT' || parent === current) return current;
      current = parent;
    }
  }
}

export async function freeBytes(dir: string): Promise<number> {
  const fs = await statfs(await nearestExisting(dir));
  // bavail, not bfree: what a non-root service may still use.
  return fs.bavail * fs.bsize;
}

export function judgeFreeSpace(
  name: string,
  dir: string,
  free: number,
  limits: Pick<DiskCheckInput, 'DOCTOR_DISK_WARN_MIB' | 'DOCTOR_DISK_FAIL_MIB'>,
): CheckResult {
  const detail = `${formatBytes(free)} free for ${dir}`;
  const fix = `free space on that filesystem (df -h ${dir}; du -xh --max-depth=1 ${dir} | sort -h shows what is large), or move the folder to a larger disk`;
  if (free < limits.DOCTOR_DISK_FAIL_MIB * MIB)
    return fail(name, `${detail}, under ${limits.DOCTOR_DISK_FAIL_MIB} MiB`, fix);
  if (free < limits.DOCTOR_DISK_WARN_MIB * MIB)
    return warn(name, `${detail}, under ${limits.DOCTOR_DISK_WARN_MIB} MiB`, fix);
  return ok(name, detail);
}

function writableFix(dir: string, err: unknown): string {
  switch (errorCode(err)) {
    case 'EACCES':
    case 'EPERM':
      return `give the worker's user write access: chown -R ${os.userInfo().username} ${dir} (or set RENDERS_DIR to a folder it owns)`;
    case 'EROFS':
      return `the filesystem holding ${dir} is mounted read-only: remount it read-write, or set RENDERS_DIR to a folder on a writable disk`;
    case 'ENOSPC':
      return `the disk is full: free space (df -h ${dir})`;
    case undefined:
    default:
      return `set RENDERS_DIR to a writable folder (now ${dir})`;
  }
}

/** Writes and removes a file where the worker writes renders (access() would lie for root). */
export async function checkRendersWritable(dir: string): Promise<CheckResult> {
  const name = 'renders dir';
  const existing = await nearestExisting(dir);
  try {
    if (!(await stat(existing)).isDirectory()) {
      return fail(name, `${existing} is not a folder`, `set RENDERS_DIR to a folder (now ${dir})`);
    }
    const probe = path.join(existing, `.doctor-probe-${randomBytes(6).toString('hex')}`);
    if (existing === dir) {
      await writeFile(probe, 'probe');
      await rm(probe);
      return ok(name, `${dir} is writable`);
    }
    await mkdir(probe);
    await rm(probe, { recursive: true });
    return ok(name, `${dir} does not exist yet; the worker creates it (${existing} is writable)`);
  } catch (err) {
    return fail(name, `cannot write in ${existing}: ${errorMessage(err)}`, writableFix(dir, err));
  }
}

type DataDir = { dir: string } | { result: CheckResult };

async function postgresDataDir(input: DiskCheckInput): Promise<DataDir> {
  const name = 'disk: postgres';
  const setIt = 'set POSTGRES_DATA_DIR to the host folder holding Postgres data';
  if (input.POSTGRES_DATA_DIR) return { dir: path.resolve(input.POSTGRES_DATA_DIR) };
  const host = new URL(input.DATABASE_URL).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    return {
      result: warn(
        name,
        `Postgres runs on ${host}, not on this machine: its disk is not checked here`,
        `check free space on ${host}, or ${setIt} if it is mounted here`,
      ),
    };
  }
  const pool = createPool(input.DATABASE_URL, 1);
  let reported: string;
  try {
    const { rows } = await pool.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    reported = rows[0]!.dir;
  } catch (err) {
    return {
      result: warn(
        name,
        `cannot ask Postgres for its data directory: ${errorMessage(err)}`,
        `fix the postgres check first, or ${setIt}`,
      ),
    };
  } finally {
    await pool.end();
  }
  try {
    await stat(reported);
    return { dir: reported };
  } catch {
    return {
      result: warn(
        name,
        `Postgres reports data_directory ${reported}, which is not on this machine (inside a container?)`,
        `${setIt}, e.g. POSTGRES_DATA_DIR=$(docker volume inspect --format '{{ .Mountpoint }}' <project>_pgdata)`,
      ),
    };
  }
}

/** Free space where renders and Postgres data land, and whether the worker can write renders. */
export async function checkDisk(input: DiskCheckInput): Promise<CheckResult[]> {
  const measure = async (name: string, dir: string, fixVariable: string): Promise<CheckResult> => {
    try {
      return judgeFreeSpace(name, dir, await freeBytes(dir), input);
    } catch (err) {
      return fail(
        name,
        `cannot measure free space for ${dir}: ${errorMessage(err)}`,
        `set ${fixVariable} to a folder`,
      );
    }
  };
  const results = [
    await checkRendersWritable(input.RENDERS_DIR),
    await measure('disk: renders', input.RENDERS_DIR, 'RENDERS_DIR'),
  ];
  const pg = await postgresDataDir(input);
  results.push('result' in pg ? pg.result : await measure('disk: postgres', pg.dir, 'POSTGRES_DATA_DIR'));
  return results;
}
