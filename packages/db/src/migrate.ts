import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from './pool.ts';

export const DB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db');
// Any fixed 64-bit number; every process that migrates takes this lock first.
const MIGRATION_LOCK = 4_242_017_001;

export interface MigrationResult {
  baselineApplied: boolean;
  applied: string[];
}

/**
 * Brings a database up to date under a Postgres advisory lock: applies db/init.sql when the
 * database is empty (natively; compose's Postgres image already ran it), then every
 * db/migrations/NNNN_*.sql not yet recorded in schema_migrations, each in its own transaction.
 */
export async function migrate(pool: Pool, dbDir = DB_DIR): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists",
    );
    let baselineApplied = false;
    if (!rows[0]?.exists) {
      const baseline = await readFile(path.join(dbDir, 'init.sql'), 'utf8');
      await client.query('BEGIN');
      await client.query(baseline);
      await client.query('COMMIT');
      baselineApplied = true;
    }
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    const files = (await readdir(path.join(dbDir, 'migrations')).catch(() => []))
      .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      const name = file.replace(/\.sql$/, '');
      if (done.has(name)) continue;
      const sql = await readFile(path.join(dbDir, 'migrations', file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(name);
    }
    return { baselineApplied, applied };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
