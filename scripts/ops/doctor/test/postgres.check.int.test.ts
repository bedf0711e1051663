import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from '@fractafrag/db';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/renderer-process.ts';
import { runWithDeadline } from '../check.ts';
import { checkPostgres } from '../postgres.check.ts';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://fracta:fracta@127.0.0.1:5432/postgres';
const urlFor = (database: string, port?: number) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  if (port !== undefined) url.port = String(port);
  return url.toString();
};
const byName = (results: Awaited<ReturnType<typeof checkPostgres>>) =>
  new Map(results.map((r) => [r.name, r] as const));

let migrated: TestDatabase;
let admin: Pool;
beforeAll(async () => {
  migrated = await createTestDatabase();
  admin = createPool(ADMIN_URL, 1);
});
afterAll(async () => {
  await migrated.drop();
  await admin.end();
});

describe('postgres check', () => {
  it('passes a migrated database on this machine, reporting the server and pgvector versions', async () => {
    const results = await checkPostgres({ DATABASE_URL: migrated.url, MIGRATE_ON_START: true });
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['postgres', 'ok'],
      ['pgvector', 'ok'],
      ['pg_trgm', 'ok'],
      ['schema', 'ok'],
    ]);
    expect(results[0]!.detail).toMatch(/^PostgreSQL 1[5-9]/);
    expect(results[1]!.detail).toMatch(/^\d+\.\d+\.\d+ installed \(HNSW needs >= 0\.5\.0\)$/);
  });

  it('fails with the start step when nothing listens at DATABASE_URL', async () => {
    const port = await freePort();
    const [result, ...rest] = await checkPostgres({
      DATABASE_URL: urlFor('fractafrag', port),
      MIGRATE_ON_START: true,
    });
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ name: 'postgres', status: 'fail' });
    expect(result!.detail).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(result!.fix).toContain('make bootstrap starts the machine cluster');
  });

  it('fails, within the deadline, against a server that accepts and never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const results = await runWithDeadline(
        'postgres',
        10_000,
        () => checkPostgres({ DATABASE_URL: urlFor('fractafrag', port), MIGRATE_ON_START: true }),
        'check DATABASE_URL',
      );
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ name: 'postgres', status: 'fail' });
      expect(results[0]!.detail).toMatch(/timeout|no answer/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('fails with CREATE DATABASE when the database does not exist', async () => {
    const [result] = await checkPostgres({
      DATABASE_URL: urlFor('doctor_missing_db'),
      MIGRATE_ON_START: true,
    });
    expect(result).toMatchObject({ name: 'postgres', status: 'fail' });
    expect(result!.fix).toContain("-d postgres -c 'CREATE DATABASE doctor_missing_db'");
  });

  describe('a database without the vector extension', () => {
    const name = `doctor_novector_${randomBytes(4).toString('hex')}`;
    beforeAll(() => admin.query(`CREATE DATABASE ${name} TEMPLATE template0`));
    afterAll(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it('fails pgvector and pg_trgm with the CREATE EXTENSION step, and the schema with the migrate step', async () => {
      const results = byName(await checkPostgres({ DATABASE_URL: urlFor(name), MIGRATE_ON_START: true }));
      expect(results.get('postgres')!.status).toBe('ok');
      const vector = results.get('pgvector')!;
      expect(vector.status).toBe('fail');
      expect(vector.detail).toMatch(
        new RegExp(`^available \\(\\d+\\.\\d+\\.\\d+\\) but not created in database ${name}$`),
      );
      expect(vector.fix).toContain(`-d ${name} -c 'CREATE EXTENSION vector'`);
      expect(results.get('pg_trgm')!.fix).toContain(`-d ${name} -c 'CREATE EXTENSION pg_trgm'`);
      expect(results.get('schema')).toMatchObject({ status: 'fail' });
      expect(results.get('schema')!.fix).toContain('MIGRATE_ON_START=true');
    });

    it('passes pgvector once the fix is applied', async () => {
      const db = createPool(urlFor(name), 1);
      try {
        await db.query('CREATE EXTENSION vector');
      } finally {
        await db.end();
      }
      const results = byName(await checkPostgres({ DATABASE_URL: urlFor(name), MIGRATE_ON_START: true }));
      expect(results.get('pgvector')!.status).toBe('ok');
    });
  });

  it('reports a migration the database has not applied: a warning when the API applies it at start, else a failure', async () => {
    const { rows } = await migrated.pool.query<{ name: string }>(
      "DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations WHERE name <> '0000_baseline') RETURNING name",
    );
    const removed = rows[0]!.name;
    const onStart = byName(await checkPostgres({ DATABASE_URL: migrated.url, MIGRATE_ON_START: true }));
    expect(onStart.get('schema')).toMatchObject({ status: 'warn', fix: 'restart the API' });
    expect(onStart.get('schema')!.detail).toContain(removed);
    const never = byName(await checkPostgres({ DATABASE_URL: migrated.url, MIGRATE_ON_START: false }));
    expect(never.get('schema')!.status).toBe('fail');
  });
});
