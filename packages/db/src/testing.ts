import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate.ts';
import { createPool, type Pool } from './pool.ts';

/**
 * Test databases: one migrated template per run, and one fresh database cloned from it per test
 * file, on the real Postgres (TEST_DATABASE_ADMIN_URL, default the local trust-auth server).
 */
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
// One template per test run (concurrent runs must not drop each other's template); the name reaches
// the test workers through the environment, which they inherit from the process that ran globalSetup.
const TEMPLATE_ENV = 'FRACTA_TEST_TEMPLATE_DB';
const templateDb = (): string => process.env[TEMPLATE_ENV] ?? 'fractafrag_test_template';

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

/** Creates and migrates this run's template database; returns a function that drops it. */
export async function prepareTemplateDatabase(): Promise<() => Promise<void>> {
  const name = `fractafrag_test_template_${process.pid}`;
  process.env[TEMPLATE_ENV] = name;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const pool = createPool(urlFor(name), 1);
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  return () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
}

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fractafrag_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`));
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
