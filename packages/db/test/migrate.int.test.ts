import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_DIR, migrate } from '../src/migrate.ts';
import { createPool, type Pool } from '../src/pool.ts';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
const DB_NAME = `fractafrag_migrate_${process.pid}`;

describe('migrate', () => {
  let admin: pg.Client;
  let pool: Pool;
  let dbDir: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${DB_NAME}`;
    pool = createPool(url.toString(), 4);
    dbDir = await mkdtemp(path.join(os.tmpdir(), 'fracta-db-'));
    await cp(path.join(DB_DIR, 'init.sql'), path.join(dbDir, 'init.sql'));
  });
  afterAll(async () => {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
    await rm(dbDir, { recursive: true, force: true });
  });

  it('applies the baseline once to an empty database, even when two processes race', async () => {
    const results = await Promise.all([migrate(pool, dbDir), migrate(pool, dbDir)]);
    expect(results.filter((r) => r.baselineApplied)).toHaveLength(1);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM shaders');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(12);
    const ext = await pool.query<{ extname: string }>(
      "SELECT extname FROM pg_extension WHERE extname IN ('vector', 'pg_trgm')",
    );
    expect(ext.rows.map((r) => r.extname).sort()).toEqual(['pg_trgm', 'vector']);
  });

  it('upgrades an existing database with new numbered migrations, in order, exactly once', async () => {
    await cp(path.join(DB_DIR, 'migrations'), path.join(dbDir, 'migrations'), { recursive: true }).catch(
      () => undefined,
    );
    await writeFile(path.join(dbDir, 'migrations', '9001_add_probe.sql'), 'CREATE TABLE probe (n int);');
    await writeFile(path.join(dbDir, 'migrations', '9002_fill_probe.sql'), 'INSERT INTO probe VALUES (1);');
    const first = await migrate(pool, dbDir);
    expect(first.applied.slice(-2)).toEqual(['9001_add_probe', '9002_fill_probe']);
    const second = await migrate(pool, dbDir);
    expect(second.applied).toEqual([]);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM probe');
    expect(rows[0]!.n).toBe(1);
  });

  it('rolls back a failing migration and names it', async () => {
    await writeFile(
      path.join(dbDir, 'migrations', '9003_broken.sql'),
      'CREATE TABLE half (n int); SELECT nope;',
    );
    await expect(migrate(pool, dbDir)).rejects.toThrow(/9003_broken\.sql/);
    const { rows } = await pool.query<{ t: string | null }>("SELECT to_regclass('public.half')::text AS t");
    expect(rows[0]!.t).toBeNull();
  });
});
