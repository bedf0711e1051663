import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPool } from '@fractafrag/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDisk, checkRendersWritable, type DiskCheckInput } from '../disk.check.ts';

const run = promisify(execFile);
const DATABASE_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
let dir: string;
const mounts: string[] = [];
const input = (overrides: Partial<DiskCheckInput>): DiskCheckInput => ({
  RENDERS_DIR: dir,
  POSTGRES_DATA_DIR: '',
  DATABASE_URL,
  DOCTOR_DISK_WARN_MIB: 2048,
  DOCTOR_DISK_FAIL_MIB: 200,
  ...overrides,
});
const byName = (results: Awaited<ReturnType<typeof checkDisk>>) =>
  new Map(results.map((r) => [r.name, r] as const));

/** A real filesystem of a given size (tmpfs); null where this user may not mount. */
async function mountTmpfs(name: string, options: string): Promise<string | null> {
  const target = path.join(dir, name);
  await mkdir(target);
  try {
    await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target]);
  } catch {
    return null;
  }
  mounts.push(target);
  return target;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fractafrag-doctor-disk-'));
});
afterAll(async () => {
  for (const target of mounts) await run('umount', [target]);
  await rm(dir, { recursive: true, force: true });
});

describe('disk check', () => {
  it('passes a writable renders folder with room, and measures the Postgres data folder the server reports', async () => {
    const pool = createPool(DATABASE_URL, 1);
    const { rows } = await pool
      .query<{ dir: string }>("SELECT current_setting('data_directory') AS dir")
      .finally(() => pool.end());
    const results = byName(await checkDisk(input({})));
    expect(results.get('renders dir')).toMatchObject({ status: 'ok', detail: `${dir} is writable` });
    expect(results.get('disk: renders')!.status).toBe('ok');
    expect(results.get('disk: postgres')).toMatchObject({ status: 'ok' });
    expect(results.get('disk: postgres')!.detail).toMatch(new RegExp(`free for ${rows[0]!.dir}$`));
  });

  it('accepts a renders folder not created yet when its parent is writable', async () => {
    const result = await checkRendersWritable(path.join(dir, 'later', 'renders'));
    expect(result.status).toBe('ok');
    expect(result.detail).toContain('does not exist yet; the worker creates it');
  });

  it('fails a renders folder whose path runs through a file', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');
    const results = byName(await checkDisk(input({ RENDERS_DIR: path.join(file, 'renders') })));
    expect(results.get('renders dir')).toMatchObject({ status: 'fail' });
    expect(results.get('renders dir')!.fix).toContain('set RENDERS_DIR to');
  });

  it('warns that a remote Postgres is not measured here', async () => {
    const results = byName(
      await checkDisk(input({ DATABASE_URL: 'postgres://fracta@db.internal:5432/fractafrag' })),
    );
    expect(results.get('disk: postgres')).toMatchObject({ status: 'warn' });
    expect(results.get('disk: postgres')!.fix).toContain('POSTGRES_DATA_DIR');
  });

  it('fails a renders folder on a read-only filesystem (root ignores permissions, not a read-only mount)', async (ctx) => {
    const readOnly = await mountTmpfs('read-only', 'size=16m,ro');
    if (!readOnly) return ctx.skip();
    const result = await checkRendersWritable(readOnly);
    expect(result.status).toBe('fail');
    expect(result.detail).toMatch(/EROFS|read-only/);
    expect(result.fix).toContain('mounted read-only');
  });

  it('fails under 200 MiB free and warns under 2 GiB, for renders and for POSTGRES_DATA_DIR', async (ctx) => {
    const tiny = await mountTmpfs('tiny', 'size=64m');
    const small = await mountTmpfs('small', 'size=512m');
    if (!tiny || !small) return ctx.skip();
    const onTiny = byName(await checkDisk(input({ RENDERS_DIR: tiny, POSTGRES_DATA_DIR: small })));
    expect(onTiny.get('renders dir')!.status).toBe('ok');
    expect(onTiny.get('disk: renders')).toMatchObject({
      status: 'fail',
      detail: `64 MiB free for ${tiny}, under 200 MiB`,
    });
    expect(onTiny.get('disk: renders')!.fix).toContain(`df -h ${tiny}`);
    expect(onTiny.get('disk: postgres')).toMatchObject({
      status: 'warn',
      detail: `512 MiB free for ${small}, under 2048 MiB`,
    });
  });
});
