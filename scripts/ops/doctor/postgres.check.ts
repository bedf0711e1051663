import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createPool, DB_DIR } from '@fractafrag/db';
import { errorCode, errorMessage, fail, ok, redactUrl, warn, type CheckResult } from './check.ts';

export interface ExtensionFacts {
  /** pg_available_extensions.default_version: null when the server does not have it at all. */
  available: string | null;
  /** The version created in this database, null when not created. */
  installed: string | null;
}

export interface PostgresFacts {
  serverVersion: string;
  serverVersionNum: number;
  database: string;
  vector: ExtensionFacts;
  trgm: ExtensionFacts;
  /** null when the database has no schema_migrations table (never migrated). */
  appliedMigrations: string[] | null;
}

export interface PostgresCheckInput {
  DATABASE_URL: string;
  MIGRATE_ON_START: boolean;
  /** Folder with init.sql and migrations/ (the repository's db/). */
  dbDir?: string;
}

export const MIN_SERVER_VERSION_NUM = 150_000;
/** HNSW indexes arrived in pgvector 0.5.0. */
export const MIN_VECTOR_VERSION = '0.5.0';

/** Compares dotted versions numerically: 0.10.0 is newer than 0.5.0. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const [a, b] = [parts(version), parts(minimum)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x > y;
  }
  return true;
}

/** A psql command for the same server that prompts for a password instead of printing one. */
export function psqlCommand(url: string, sql: string): string {
  const u = new URL(url);
  const db = decodeURIComponent(u.pathname.slice(1)) || 'postgres';
  const user = u.username ? ` -U ${decodeURIComponent(u.username)}` : '';
  return `psql -h ${u.hostname || '127.0.0.1'} -p ${u.port || '5432'}${user} -d ${db} -c '${sql}'`;
}

export async function inspectPostgres(url: string): Promise<PostgresFacts> {
  const pool = createPool(url, 1);
  try {
    const { rows: settings } = await pool.query<{ version: string; num: string; db: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num, current_database() AS db",
    );
    const { rows: extensions } = await pool.query<{
      name: string;
      default_version: string;
      installed_version: string | null;
    }>(
      "SELECT name, default_version, installed_version FROM pg_available_extensions WHERE name IN ('vector', 'pg_trgm')",
    );
    const extension = (name: string): ExtensionFacts => {
      const row = extensions.find((r) => r.name === name);
      return { available: row?.default_version ?? null, installed: row?.installed_version ?? null };
    };
    const { rows: table } = await pool.query<{ present: boolean }>(
      "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present",
    );
    const appliedMigrations = table[0]?.present
      ? (await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map(
          (r) => r.name,
        )
      : null;
    const setting = settings[0]!;
    return {
      serverVersion: setting.version,
      serverVersionNum: Number(setting.num),
      database: setting.db,
      vector: extension('vector'),
      trgm: extension('pg_trgm'),
      appliedMigrations,
    };
  } finally {
    await pool.end();
  }
}

/** The migration names in db/migrations (NNNN_name, without .sql), as migrate() applies them. */
export async function migrationNames(dbDir = DB_DIR): Promise<string[]> {
  const files = await readdir(path.join(dbDir, 'migrations')).catch(() => [] as string[]);
  return files
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .map((f) => f.replace(/\.sql$/, ''))
    .sort();
}

function connectionFailure(url: string, err: unknown): CheckResult {
  const where = redactUrl(url);
  const message = errorMessage(err);
  const code = errorCode(err);
  if (code === '28P01' || code === '28000') {
    return fail(
      'postgres',
      `${where}: ${message}`,
      'check the user and password in DATABASE_URL (natively `make bootstrap` creates the fracta role with trust auth on 127.0.0.1)',
    );
  }
  if (code === '3D000') {
    const db = new URL(url).pathname.slice(1);
    return fail(
      'postgres',
      `${where}: ${message}`,
      `create it: ${psqlCommand(new URL('/postgres', url).toString(), `CREATE DATABASE ${db}`)} (make bootstrap creates fractafrag)`,
    );
  }
  return fail(
    'postgres',
    `cannot connect to ${where}: ${message || code || 'connection failed'}`,
    'start Postgres (natively: make bootstrap starts the machine cluster; compose: docker compose up -d postgres), or point DATABASE_URL at a running server',
  );
}

function judgeExtension(
  name: 'vector' | 'pg_trgm',
  facts: ExtensionFacts,
  url: string,
  database: string,
): CheckResult {
  const label = name === 'vector' ? 'pgvector' : 'pg_trgm';
  if (facts.available === null) {
    return fail(
      label,
      `the server does not have the ${name} extension`,
      name === 'vector'
        ? 'install pgvector for this PostgreSQL version (natively: make bootstrap builds it; compose uses the pgvector/pgvector:pg16 image)'
        : 'install the contrib extensions: apt-get install postgresql-contrib',
    );
  }
  if (facts.installed === null) {
    return fail(
      label,
      `available (${facts.available}) but not created in database ${database}`,
      `${psqlCommand(url, `CREATE EXTENSION ${name}`)} (the API's migrations create it in an empty database)`,
    );
  }
  if (name === 'vector' && !versionAtLeast(facts.installed, MIN_VECTOR_VERSION)) {
    const upgrade = versionAtLeast(facts.available, MIN_VECTOR_VERSION)
      ? psqlCommand(url, 'ALTER EXTENSION vector UPDATE')
      : `install pgvector >= ${MIN_VECTOR_VERSION} on the server, then ${psqlCommand(url, 'ALTER EXTENSION vector UPDATE')}`;
    return fail(label, `${facts.installed} installed; HNSW indexes need >= ${MIN_VECTOR_VERSION}`, upgrade);
  }
  return ok(
    label,
    name === 'vector'
      ? `${facts.installed} installed (HNSW needs >= ${MIN_VECTOR_VERSION})`
      : `${facts.installed} installed`,
  );
}

function judgeSchema(facts: PostgresFacts, migrations: string[], migrateOnStart: boolean): CheckResult {
  const migrateFix =
    'start the API once with MIGRATE_ON_START=true, the default (make dev-up, or docker compose up -d api): it applies db/init.sql to an empty database and then db/migrations, under an advisory lock';
  if (facts.appliedMigrations === null) {
    return fail(
      'schema',
      `database ${facts.database} is not migrated (no schema_migrations table)`,
      migrateFix,
    );
  }
  const applied = new Set(facts.appliedMigrations);
  const pending = migrations.filter((m) => !applied.has(m));
  const unknown = facts.appliedMigrations.filter((m) => m !== '0000_baseline' && !migrations.includes(m));
  if (pending.length > 0) {
    const detail = `${pending.length} migration(s) not applied: ${pending.join(', ')}`;
    return migrateOnStart
      ? warn('schema', `${detail} (the API applies them when it next starts)`, 'restart the API')
      : fail('schema', `${detail} and MIGRATE_ON_START=false`, migrateFix);
  }
  if (unknown.length > 0) {
    return warn(
      'schema',
      `the database has migrations this checkout does not know: ${unknown.join(', ')}`,
      'run the code version that matches this database (a newer checkout applied them)',
    );
  }
  return ok(
    'schema',
    `migrated (${facts.appliedMigrations.length} entries in schema_migrations, none pending)`,
  );
}

/** Turns what the server reported into report lines; pure, so every branch is testable. */
export function judgePostgres(
  facts: PostgresFacts,
  url: string,
  migrations: string[],
  migrateOnStart: boolean,
): CheckResult[] {
  const where = redactUrl(url);
  const server =
    facts.serverVersionNum >= MIN_SERVER_VERSION_NUM
      ? ok('postgres', `PostgreSQL ${facts.serverVersion} at ${where}`)
      : fail(
          'postgres',
          `PostgreSQL ${facts.serverVersion} at ${where}; Fractafrag needs 15 or later`,
          'upgrade PostgreSQL to 15 or later (compose uses pgvector/pgvector:pg16)',
        );
  return [
    server,
    judgeExtension('vector', facts.vector, url, facts.database),
    judgeExtension('pg_trgm', facts.trgm, url, facts.database),
    judgeSchema(facts, migrations, migrateOnStart),
  ];
}

export async function checkPostgres(input: PostgresCheckInput): Promise<CheckResult[]> {
  let facts: PostgresFacts;
  try {
    facts = await inspectPostgres(input.DATABASE_URL);
  } catch (err) {
    return [connectionFailure(input.DATABASE_URL, err)];
  }
  return judgePostgres(facts, input.DATABASE_URL, await migrationNames(input.dbDir), input.MIGRATE_ON_START);
}
