import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate.ts';
import { createPool, type Pool } from './pool.ts';

/**
 * Test databases: one migrated template per run, and one fresh database cloned from it per test
 * file, on the real Postgres (TEST_DATABASE_ADMIN_URL, default the local trust-auth server).
 */
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = 'fractafrag_test_template';

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Recreates and migrates the template database (vitest globalSetup calls this once). */
export async function prepareTemplateDatabase(): Promise<void> {
  await admin(async (c) => {
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [TEMPLATE_DB]);
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const pool = createPool(urlFor(TEMPLATE_DB), 1);
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
}

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fractafrag_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  const url = urlFor(name);
  const pool = createPool(url, 5);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
