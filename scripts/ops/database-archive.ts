import { rename, rm } from 'node:fs/promises';
import { excerpt, OpsError } from './ops-cli.ts';
import { MissingDatabaseError, NO_PROMPT, withDatabase, type DatabaseTarget } from './pg-client.ts';
import { expectSuccess, runTool, spawnTool } from './run-tool.ts';

/** pg_dump into a custom-format archive, and its restore as one transaction. */

export async function dumpDatabase(target: DatabaseTarget, file: string): Promise<void> {
  const partial = `${file}.partial`;
  const result = await runTool(
    'pg_dump',
    [NO_PROMPT, '--format=custom', '--file', partial, '--dbname', target.toolUrl],
    { env: target.toolEnv },
  );
  if (result.code !== 0) {
    await rm(partial, { force: true });
    expectSuccess(result, `pg_dump of ${target.label}`);
  }
  await rename(partial, file);
}

/**
 * Empties the database the way initdb leaves it: every schema and extension dropped (tables, types
 * and functions with them), then a fresh `public` schema with the default owner and privileges of
 * PostgreSQL 15 and later. A restore over an existing database is then the same as into an empty one.
 */
const EMPTY_DATABASE_SQL = `
SET client_min_messages = warning;
SET lock_timeout = '30s';
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT nspname FROM pg_namespace
               WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', item.nspname);
  END LOOP;
  FOR item IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', item.extname);
  END LOOP;
END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
`;

/**
 * Replaces everything in the target database with the dump, in one transaction: psql runs BEGIN,
 * the emptying above and pg_restore's SQL, and COMMIT only once pg_restore has read the whole
 * archive. Any error (a damaged archive, a lock held too long) rolls back and leaves the database
 * as it was. Ownership and grants are not restored: objects belong to DATABASE_URL's role, so a dump
 * taken under compose restores natively and back.
 */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  const psql = spawnTool(
    'psql',
    [NO_PROMPT, '--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--dbname', target.toolUrl],
    { env: target.toolEnv },
  );
  // psql stops at the first error and closes its input; what pg_restore still writes is moot.
  psql.child.stdin.on('error', () => undefined);
  psql.child.stdin.write(`BEGIN;\n${EMPTY_DATABASE_SQL}\n`);
  const sql = spawnTool('pg_restore', ['--no-owner', '--no-acl', '--file', '-', file], { pipeStdout: true });
  sql.child.stdin.end();
  sql.child.stdout.on('error', () => undefined);
  sql.child.stdout.pipe(psql.child.stdin, { end: false });
  // Without COMMIT, psql's session ends and Postgres rolls the transaction back.
  const whenDumped = sql.done.then(
    (result) => {
      psql.child.stdin.end(result.code === 0 ? 'COMMIT;\n' : '');
      return result;
    },
    (err: unknown) => {
      psql.child.stdin.end();
      throw err;
    },
  );
  const [dumped, applied] = await Promise.all([whenDumped, psql.done]);
  if (applied.code !== 0)
    throw new OpsError(
      `restore into ${target.label} failed and was rolled back (the database is as it was):\n` +
        excerpt(applied.stderr) +
        (/lock timeout/.test(applied.stderr) ? '\nStop the API and worker, then run the restore again.' : ''),
    );
  if (dumped.code !== 0)
    throw new OpsError(
      `pg_restore could not read all of ${file}; nothing was committed (the database is as it was):\n` +
        excerpt(dumped.stderr),
    );
}

/** Creates the database of DATABASE_URL when it does not exist yet (a fresh server); true if it did. */
export async function ensureDatabase(target: DatabaseTarget): Promise<boolean> {
  try {
    await withDatabase(target.url, target.label, (pool) => pool.query('SELECT 1'));
    return false;
  } catch (err) {
    if (!(err instanceof MissingDatabaseError)) throw err;
  }
  const maintenance = new URL(target.url);
  maintenance.pathname = '/postgres';
  await withDatabase(maintenance.toString(), `postgres on ${maintenance.host}`, (pool) =>
    pool.query(`CREATE DATABASE "${target.name.replaceAll('"', '""')}"`),
  );
  return true;
}
