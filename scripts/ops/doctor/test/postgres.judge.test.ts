import { describe, expect, it } from 'vitest';
import { judgePostgres, psqlCommand, versionAtLeast, type PostgresFacts } from '../postgres.check.ts';

const URL_ = 'postgres://fracta:secret@db.local:5433/fractafrag';
const healthy: PostgresFacts = {
  serverVersion: '16.4',
  serverVersionNum: 160004,
  database: 'fractafrag',
  vector: { available: '0.8.0', installed: '0.8.0' },
  trgm: { available: '1.6', installed: '1.6' },
  appliedMigrations: ['0000_baseline', '0010_a', '0020_b'],
};
const MIGRATIONS = ['0010_a', '0020_b'];
const judge = (facts: Partial<PostgresFacts>, migrateOnStart = true, migrations = MIGRATIONS) =>
  new Map(
    judgePostgres({ ...healthy, ...facts }, URL_, migrations, migrateOnStart).map(
      (r) => [r.name, r] as const,
    ),
  );

describe('judging Postgres', () => {
  it('passes a current server with pgvector, pg_trgm and every migration, without printing the password', () => {
    const results = judgePostgres(healthy, URL_, MIGRATIONS, true);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['postgres', 'ok'],
      ['pgvector', 'ok'],
      ['pg_trgm', 'ok'],
      ['schema', 'ok'],
    ]);
    expect(results[0]!.detail).toBe('PostgreSQL 16.4 at postgres://fracta:***@db.local:5433/fractafrag');
    expect(results[1]!.detail).toBe('0.8.0 installed (HNSW needs >= 0.5.0)');
  });

  it('fails a server older than 15', () => {
    const result = judge({ serverVersion: '14.9', serverVersionNum: 140009 }).get('postgres')!;
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('15 or later');
  });

  it('fails pgvector older than 0.5 (no HNSW) and says to update the extension', () => {
    const result = judge({ vector: { available: '0.8.0', installed: '0.4.4' } }).get('pgvector')!;
    expect(result.status).toBe('fail');
    expect(result.detail).toBe('0.4.4 installed; HNSW indexes need >= 0.5.0');
    expect(result.fix).toBe(
      "psql -h db.local -p 5433 -U fracta -d fractafrag -c 'ALTER EXTENSION vector UPDATE'",
    );
  });

  it('says to install a newer pgvector first when the server only has an old one', () => {
    const result = judge({ vector: { available: '0.4.4', installed: '0.4.4' } }).get('pgvector')!;
    expect(result.fix).toMatch(/^install pgvector >= 0.5.0 on the server, then psql/);
  });

  it('fails a server without pgvector at all with the install step', () => {
    const result = judge({ vector: { available: null, installed: null } }).get('pgvector')!;
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('make bootstrap builds it');
  });

  it('fails a missing pg_trgm with the contrib package', () => {
    const result = judge({ trgm: { available: null, installed: null } }).get('pg_trgm')!;
    expect(result.fix).toBe('install the contrib extensions: apt-get install postgresql-contrib');
  });

  it('warns about pending migrations the API applies at start, and fails them when it will not', () => {
    const pending = { appliedMigrations: ['0000_baseline', '0010_a'] };
    expect(judge(pending, true).get('schema')).toMatchObject({ status: 'warn', fix: 'restart the API' });
    const refused = judge(pending, false).get('schema')!;
    expect(refused.status).toBe('fail');
    expect(refused.detail).toBe('1 migration(s) not applied: 0020_b and MIGRATE_ON_START=false');
  });

  it('warns when the database has migrations the checkout does not know', () => {
    const result = judge({ appliedMigrations: ['0000_baseline', '0010_a', '0020_b', '0030_c'] }).get(
      'schema',
    )!;
    expect(result).toMatchObject({ status: 'warn' });
    expect(result.detail).toContain('0030_c');
  });

  it('compares versions numerically', () => {
    expect(versionAtLeast('0.10.0', '0.5.0')).toBe(true);
    expect(versionAtLeast('0.5.0', '0.5.0')).toBe(true);
    expect(versionAtLeast('0.4.9', '0.5.0')).toBe(false);
    expect(versionAtLeast('1', '0.5.0')).toBe(true);
  });

  it('builds psql commands that prompt for the password instead of printing it', () => {
    expect(psqlCommand(URL_, 'SELECT 1')).not.toContain('secret');
  });
});
