import { createPool, type Pool } from '@fractafrag/db';
import { OpsError } from './ops-cli.ts';
import { expectSuccess, runTool } from './run-tool.ts';

/**
 * The database a backup reads or a restore replaces, and the PostgreSQL client tools run against it.
 * The password travels to the tools in PGPASSWORD, never on their command line (visible in `ps`).
 */
export interface DatabaseTarget {
  /** DATABASE_URL as given, for the pg driver. */
  url: string;
  /** The same URL without its password, for pg_dump, pg_restore and psql. */
  toolUrl: string;
  toolEnv: NodeJS.ProcessEnv;
  name: string;
  /** "fractafrag on 127.0.0.1:5432", for messages. */
  label: string;
}

export function databaseTarget(databaseUrl: string): DatabaseTarget {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new OpsError(`DATABASE_URL names no database: ${url.origin}`);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    url: databaseUrl,
    toolUrl: url.toString(),
    toolEnv: password ? { ...process.env, PGPASSWORD: password } : { ...process.env },
    name,
    label: `${name} on ${url.host}`,
  };
}

/** The major version of a client tool, from `<tool> --version` ("pg_dump (PostgreSQL) 15.20 …"). */
export async function toolMajorVersion(tool: string): Promise<number> {
  const { stdout } = expectSuccess(await runTool(tool, ['--version']), `${tool} --version`);
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1];
  if (!major) throw new OpsError(`cannot read the version of ${tool} from "${stdout.trim()}"`);
  return Number(major);
}

/** Never prompt for a password: a missing one fails at once instead of hanging. */
export const NO_PROMPT = '--no-password';

export interface ServerInfo {
  version: string;
  major: number;
  databaseBytes: number;
  tables: number;
  /** Other sessions connected to the same database (the API, the worker, a psql). */
  otherSessions: { count: number; applications: string[] };
}

export class MissingDatabaseError extends OpsError {}

/** Runs `fn` with a one-connection pool on `url`; connection failures become OpsErrors. */
export async function withDatabase<T>(
  url: string,
  label: string,
  fn: (pool: Pool) => Promise<T>,
): Promise<T> {
  const pool = createPool(url, 1);
  try {
    return await fn(pool);
  } catch (err) {
    if (err instanceof OpsError) throw err;
    const code = (err as { code?: string }).code;
    if (code === '3D000') throw new MissingDatabaseError(`database ${label} does not exist`);
    throw new OpsError(`cannot reach or query ${label}: ${(err as Error).message} (check DATABASE_URL)`);
  } finally {
    await pool.end();
  }
}

export function inspectServer(target: DatabaseTarget): Promise<ServerInfo> {
  return withDatabase(target.url, target.label, async (pool) => {
    const { rows } = await pool.query<{
      version: string;
      num: number;
      bytes: number;
      tables: number;
      sessions: number;
      applications: string[];
    }>(
      `SELECT current_setting('server_version') AS version,
              current_setting('server_version_num')::int AS num,
              pg_database_size(current_database()) AS bytes,
              (SELECT count(*)::int FROM pg_tables
                WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) AS tables,
              (SELECT count(*)::int FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()) AS sessions,
              (SELECT coalesce(array_agg(DISTINCT coalesce(nullif(application_name, ''), 'unnamed client')), '{}')
                 FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()) AS applications`,
    );
    const row = rows[0]!;
    return {
      version: row.version,
      major: Math.floor(row.num / 10_000),
      databaseBytes: row.bytes,
      tables: row.tables,
      otherSessions: { count: row.sessions, applications: row.applications },
    };
  });
}

/** A client older than the server cannot dump it (pg_dump refuses) nor is it sure to restore into it. */
export async function assertToolFitsServer(tool: string, server: ServerInfo): Promise<void> {
  const major = await toolMajorVersion(tool);
  if (major < server.major)
    throw new OpsError(
      `${tool} ${major} is older than the PostgreSQL ${server.major} server: install postgresql-client-${server.major} ` +
        '(or run the tools inside the postgres container, see README "Backup and restore")',
    );
}
