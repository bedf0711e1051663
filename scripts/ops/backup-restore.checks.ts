import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from '@fractafrag/db';
import { expectSuccess, runTool } from './run-tool.ts';

/** What the backup/restore test compares between a database (and renders folder) and its restore. */

export interface DatabaseSnapshot {
  /** Per table: row count and an md5 of every row's text, in a fixed order. */
  tables: Record<string, { rows: number; digest: string }>;
  sequences: { name: string; last: number | null }[];
}

export async function snapshot(pool: Pool): Promise<DatabaseSnapshot> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const result: DatabaseSnapshot['tables'] = {};
  for (const { name } of tables) {
    const { rows } = await pool.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
         FROM public."${name}" t`,
    );
    result[name] = rows[0]!;
  }
  const { rows: sequences } = await pool.query<{ name: string; last: number | null }>(
    `SELECT sequencename AS name, last_value AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
  return { tables: result, sequences };
}

/** The schema as pg_dump prints it: extensions, types, tables, indexes, functions, triggers. */
export async function schemaOf(url: string): Promise<string> {
  const dumped = expectSuccess(
    await runTool('pg_dump', ['--schema-only', '--no-owner', '--no-acl', '--dbname', url], {
      keepStdout: Infinity,
    }),
    'pg_dump --schema-only',
  );
  // \restrict carries a random key per run.
  return dumped.stdout
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .join('\n');
}

/** Every file under `dir`: relative path → contents. */
export async function readRenders(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), await readFile(full));
    }
  return files;
}
