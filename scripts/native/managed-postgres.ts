/**
 * The native stack's own Postgres (STACK_POSTGRES=managed): a private PostgreSQL 15 cluster that
 * supervisord runs and restarts like every other service, so the stack survives losing its
 * database. The default (external) uses the machine's cluster at DATABASE_URL, which nobody
 * restarts for us.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Program } from './supervisor-conf.ts';

export interface ManagedPostgres {
  port: number;
  dataDir: string;
  binDir: string;
  /** DATABASE_URL's role, password and database, on the private cluster. */
  url: string;
  /** Postgres refuses to run as root: as root, the cluster belongs to this OS user. */
  osUser: string | undefined;
}

export function managedPostgres(
  env: Record<string, string | undefined>,
  databaseUrl: string,
): ManagedPostgres {
  const port = Number(env.STACK_PG_PORT ?? 5433);
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    port,
    // Outside the checkout: a checkout may be a private (0700) folder the postgres user cannot enter.
    dataDir: path.resolve(env.STACK_PG_DATA ?? `/var/tmp/fractafrag-pg-${port}`),
    binDir: env.STACK_PG_BIN ?? '/usr/lib/postgresql/15/bin',
    url: url.toString(),
    osUser: process.getuid?.() === 0 ? 'postgres' : undefined,
  };
}

function asOwner(pg: ManagedPostgres, cmd: string, args: string[]): void {
  const [file, argv] = pg.osUser ? ['runuser', ['-u', pg.osUser, '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Creates the cluster when its data folder has none (trust auth: it listens on 127.0.0.1 only). */
export function ensureCluster(pg: ManagedPostgres): boolean {
  if (existsSync(path.join(pg.dataDir, 'PG_VERSION'))) return false;
  mkdirSync(pg.dataDir, { recursive: true, mode: 0o700 });
  if (pg.osUser) {
    const uid = Number(execFileSync('id', ['-u', pg.osUser], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', pg.osUser], { encoding: 'utf8' }).trim());
    chownSync(pg.dataDir, uid, gid);
  }
  asOwner(pg, path.join(pg.binDir, 'initdb'), [
    '-D',
    pg.dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  return true;
}

export function postgresProgram(pg: ManagedPostgres): Program {
  const settings = [
    `-p ${pg.port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${pg.dataDir}`,
  ];
  return {
    name: 'postgres',
    command: `${path.join(pg.binDir, 'postgres')} -D ${pg.dataDir} ${settings.join(' ')}`,
    directory: pg.dataDir,
    env: {},
    user: pg.osUser,
    // SIGINT is Postgres' fast shutdown (SIGTERM would wait for every client to disconnect).
    stopSignal: 'INT',
    // Started first, stopped last: the services close their connections before it goes.
    priority: 100,
    // After a kill -9, orphaned backends hold the old shared memory for a moment and a new
    // postmaster exits at once: it must stay up a few seconds to count as started, and retry.
    startSecs: 3,
  };
}

const sqlLiteral = (v: string) => `'${v.replace(/'/g, "''")}'`;
const sqlIdent = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** Creates DATABASE_URL's role (a superuser, as the bootstrap makes it) and database when missing. */
export function ensureRoleAndDatabase(pg: ManagedPostgres): void {
  const url = new URL(pg.url);
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.slice(1));
  const psql = (sql: string) =>
    execFileSync(
      'psql',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(pg.port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-Atc',
        sql,
      ],
      { encoding: 'utf8' },
    ).trim();
  if (!psql(`SELECT 1 FROM pg_roles WHERE rolname = ${sqlLiteral(role)}`))
    psql(`CREATE ROLE ${sqlIdent(role)} LOGIN SUPERUSER PASSWORD ${sqlLiteral(password)}`);
  if (!psql(`SELECT 1 FROM pg_database WHERE datname = ${sqlLiteral(database)}`))
    psql(`CREATE DATABASE ${sqlIdent(database)} OWNER ${sqlIdent(role)}`);
}
