import { open, stat } from 'node:fs/promises';
import { excerpt, OpsError, REFUSED } from './ops-cli.ts';
import { runTool } from './run-tool.ts';

/**
 * What a backup is on disk: `<database>-<UTC time>.dump` (pg_dump custom format) and, beside it,
 * `<database>-<UTC time>.renders.tar.gz` (the renders directory).
 */

/** 2026-11-25T21:50:00.123Z → 2026-11-25T21-50-00Z: sortable, and valid in every file system. */
export function backupStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

export function backupFileNames(database: string, at: Date): { dump: string; renders: string } {
  const base = `${database}-${backupStamp(at)}`;
  return { dump: `${base}.dump`, renders: `${base}.renders.tar.gz` };
}

/** The renders archive a backup run wrote beside `dumpPath`. */
export function rendersArchiveBeside(dumpPath: string): string {
  return `${dumpPath.replace(/\.dump$/, '')}.renders.tar.gz`;
}

// The custom format's header: "PGDMP", version (3 bytes), int size, offset size, then the format
// byte, which is 1 for custom (3 is tar, 5 directory: see pg_backup_archiver.h).
const MAGIC = 'PGDMP';
const FORMAT_BYTE = 10;
const CUSTOM_FORMAT = 1;

async function assertReadableFile(file: string, what: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new OpsError(`${what} ${file} is not a regular file`, REFUSED);
    await (await open(file, 'r')).close();
  } catch (err) {
    if (err instanceof OpsError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new OpsError(
      code === 'ENOENT' ? `${what} ${file} does not exist` : `${what} ${file} cannot be read (${code})`,
      REFUSED,
    );
  }
}

/**
 * Refuses anything but a readable pg_dump custom-format archive whose table of contents pg_restore
 * can read, before the restore touches the database.
 */
export async function assertCustomFormatDump(file: string): Promise<void> {
  await assertReadableFile(file, 'FILE');
  const handle = await open(file, 'r');
  const header = Buffer.alloc(FORMAT_BYTE + 1);
  try {
    await handle.read(header, 0, header.length, 0);
  } finally {
    await handle.close();
  }
  if (header.subarray(0, MAGIC.length).toString('latin1') !== MAGIC)
    throw new OpsError(
      `FILE ${file} is not a PostgreSQL custom-format dump (no PGDMP header): ` +
        'give a .dump written by make backup or pg_dump -Fc',
      REFUSED,
    );
  if (header[FORMAT_BYTE] !== CUSTOM_FORMAT)
    throw new OpsError(
      `FILE ${file} is a pg_dump archive but not in custom format: make restore takes pg_dump -Fc dumps`,
      REFUSED,
    );
  const listed = await runTool('pg_restore', ['--list', file]);
  if (listed.code !== 0)
    throw new OpsError(
      `FILE ${file} cannot be read by pg_restore (damaged, or written by a newer pg_dump):\n${excerpt(listed.stderr)}`,
      REFUSED,
    );
}

/** Refuses a renders archive that is missing, unreadable or not a gzip'd tar (reads it through once). */
export async function assertRendersArchive(file: string): Promise<void> {
  await assertReadableFile(file, 'renders archive');
  const listed = await runTool('tar', ['-tzf', file]);
  if (listed.code !== 0)
    throw new OpsError(
      `renders archive ${file} is not a readable .tar.gz:\n${excerpt(listed.stderr)}`,
      REFUSED,
    );
}
