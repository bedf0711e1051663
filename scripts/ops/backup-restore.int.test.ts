import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '@fractafrag/db';
import type {
  AuthResponse,
  Comment,
  Desire,
  Me,
  ShaderDetail,
  ShaderVersionSummary,
  VoteState,
} from '../../packages/contracts/src/index.ts';
import { createUser, startApi, type ApiHarness, type TestUser } from '../../services/api/test/api-harness.ts';
import { seedShader, sparseVector } from '../../services/api/test/social-fixtures.ts';
import { readRenders, schemaOf, snapshot, type DatabaseSnapshot } from './backup-restore.checks.ts';
import { runTool, type ToolResult } from './run-tool.ts';

/**
 * `make backup` and `make restore` as an operator runs them, against a database filled through the
 * real API: a restore into a new database, over the same database wiped, and over it changed, must
 * each give back every row, the schema, and the render files byte for byte.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'correct-horse-battery'; // createUser registers with it
const IMAGE_V1 = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';
const IMAGE_V2 = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.9, 1.0); }';

describe('make backup / make restore', () => {
  let api: ApiHarness;
  let admin: Pool;
  let alice: TestUser;
  let bob: TestUser;
  let shaderId: string;
  let commentId: string;
  let desireId: string;
  let apiKey: string;
  let work: string;
  let rendersDir: string;
  let backupDir: string;
  let dumpPath: string;
  let backupRun: ToolResult;
  let atBackup: DatabaseSnapshot;
  let schemaAtBackup: string;
  let rendersAtBackup: Map<string, Buffer>;
  let similarAtBackup: string[];

  const databaseName = () => new URL(api.db.url).pathname.slice(1);
  const urlOf = (database: string) =>
    Object.assign(new URL(api.db.url), { pathname: `/${database}` }).toString();

  const make = (target: string, env: Record<string, string>, args: string[] = []) =>
    runTool('make', ['-s', '-C', ROOT, target, ...args], {
      env: {
        ...process.env,
        FILE: '',
        RENDERS_FILE: '',
        BACKUP_RENDERS: 'true',
        BACKUP_DIR: backupDir,
        RENDERS_DIR: rendersDir,
        ...env,
      },
    });
  const restore = (file: string, env: Record<string, string> = {}, extra: string[] = []) =>
    make('restore', { DATABASE_URL: api.db.url, ...env }, [`FILE=${file}`, ...extra]);

  const login = (password: string) =>
    api.request<AuthResponse>('POST', '/api/v1/auth/login', { body: { login: alice.username, password } });
  const similarTitles = async () =>
    (
      await api.request<{ items: { title: string }[] }>('GET', `/api/v1/shaders/${shaderId}/similar?limit=10`)
    ).body.items.map((s) => s.title);

  beforeAll(async () => {
    api = await startApi();
    admin = createPool(urlOf('postgres'), 1);
    work = await mkdtemp(path.join(os.tmpdir(), 'fractafrag-backup-'));
    rendersDir = path.join(work, 'renders');
    backupDir = path.join(work, 'backups');

    alice = await createUser(api, 'alice_backup');
    bob = await createUser(api, 'bob_backup');
    const created = await api.request<ShaderDetail>('POST', '/api/v1/shaders', {
      token: alice.token,
      body: {
        title: 'Backed-up gradient',
        tags: ['backup'],
        status: 'published',
        source: { passes: [{ name: 'Image', code: IMAGE_V1 }] },
      },
    });
    expect(created.status).toBe(201);
    shaderId = created.body.id;
    const edited = await api.request('PATCH', `/api/v1/shaders/${shaderId}`, {
      token: alice.token,
      body: { source: { passes: [{ name: 'Image', code: IMAGE_V2 }] }, changeNote: 'brighter blue' },
    });
    expect(edited.status).toBe(200);
    expect(
      (await api.request('PUT', `/api/v1/shaders/${shaderId}/vote`, { token: bob.token, body: { value: 1 } }))
        .status,
    ).toBe(200);
    const comment = await api.request<Comment>('POST', `/api/v1/shaders/${shaderId}/comments`, {
      token: bob.token,
      body: { body: 'Lovely gradient, keep it' },
    });
    expect(comment.status).toBe(201);
    commentId = comment.body.id;
    const desire = await api.request<Desire>('POST', '/api/v1/desires', {
      token: alice.token,
      body: { prompt: 'a slow aurora over a frozen lake' },
    });
    expect(desire.status).toBe(201);
    desireId = desire.body.id;
    const key = await api.request<{ key: string }>('POST', '/api/v1/me/api-keys', {
      token: alice.token,
      body: { name: 'backup test', scopes: ['write'] },
    });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    // Embeddings are the worker's job; here they are written directly, close and far from the shader.
    const vector = (components: Record<number, number>) => `[${sparseVector(256, components).join(',')}]`;
    await api.db.pool.query('UPDATE shaders SET text_embedding = $2::vector WHERE id = $1', [
      shaderId,
      vector({ 0: 1, 1: 0.2 }),
    ]);
    await seedShader(api, bob.id, {
      title: 'Close cousin',
      textEmbedding: sparseVector(256, { 0: 1, 1: 0.3 }),
    });
    await seedShader(api, bob.id, {
      title: 'Distant relative',
      textEmbedding: sparseVector(256, { 0: 0.3, 7: 1 }),
    });
    await seedShader(api, bob.id, { title: 'Stranger', textEmbedding: sparseVector(256, { 9: 1 }) });

    const prefix = shaderId.slice(0, 2);
    await mkdir(path.join(rendersDir, prefix), { recursive: true });
    await mkdir(path.join(rendersDir, 'zz'), { recursive: true });
    await writeFile(path.join(rendersDir, prefix, `${shaderId}-v2-thumb-abc.webp`), randomBytes(300_000));
    await writeFile(path.join(rendersDir, prefix, `${shaderId}-v2-poster-abc.webp`), randomBytes(40_000));
    await writeFile(path.join(rendersDir, 'zz', 'other-v1-thumb-def.webp'), randomBytes(1_000));

    atBackup = await snapshot(api.db.pool);
    schemaAtBackup = await schemaOf(api.db.url);
    rendersAtBackup = await readRenders(rendersDir);
    similarAtBackup = await similarTitles();
    backupRun = await make('backup', { DATABASE_URL: api.db.url });
    expect(backupRun.code, backupRun.stderr).toBe(0);
    dumpPath = /^wrote (\S+\.dump) /m.exec(backupRun.stdout)![1]!;
  });

  afterAll(async () => {
    await admin?.end();
    await api?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('holds real data to lose: users, two versions, a vote, a comment, a desire, a key, embeddings, renders', () => {
    expect(atBackup.tables.users!.rows).toBeGreaterThanOrEqual(3);
    expect(atBackup.tables.shader_versions!.rows).toBeGreaterThanOrEqual(5);
    for (const table of ['votes', 'comments', 'desires', 'api_keys'])
      expect(atBackup.tables[table]!.rows, table).toBeGreaterThan(0);
    expect(similarAtBackup.slice(0, 2)).toEqual(['Close cousin', 'Distant relative']);
    expect(rendersAtBackup.size).toBe(3);
  });

  it('writes a custom-format dump and a renders archive named by database and UTC time, and says how big', async () => {
    const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ';
    expect(path.dirname(dumpPath)).toBe(backupDir);
    expect(path.basename(dumpPath)).toMatch(new RegExp(`^${databaseName()}-${stamp}\\.dump$`));
    const archive = dumpPath.replace(/\.dump$/, '.renders.tar.gz');
    expect(backupRun.stdout).toContain(`wrote ${archive} (`);
    expect(backupRun.stdout).toMatch(/\.dump \(\d+(\.\d)? (KiB|MiB)\)/);
    expect(backupRun.stdout).toMatch(/\.renders\.tar\.gz \(\d+(\.\d)? (KiB|MiB)\): 3 files from /);
    expect((await readFile(dumpPath)).subarray(0, 5).toString()).toBe('PGDMP');
    expect((await stat(archive)).size).toBeGreaterThan(300_000); // random bytes do not compress
    expect((await readdir(backupDir)).sort()).toEqual(
      [path.basename(dumpPath), path.basename(archive)].sort(),
    );
  });

  it('restores into a database that does not exist yet: same rows, same schema, vector and trigram search work', async () => {
    const name = `${databaseName()}_copy`;
    const copyRenders = path.join(work, 'renders-copy');
    try {
      const run = await restore(dumpPath, { DATABASE_URL: urlOf(name), RENDERS_DIR: copyRenders });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`created database ${name}`);
      const copy = createPool(urlOf(name), 1);
      try {
        expect(await snapshot(copy)).toEqual(atBackup);
        const probe = `[${sparseVector(256, { 0: 1, 1: 0.25 }).join(',')}]`;
        const client = await copy.connect();
        try {
          await client.query('BEGIN');
          await client.query('SET LOCAL enable_seqscan = off'); // through the rebuilt HNSW index
          const nearest = await client.query<{ title: string }>(
            `SELECT title FROM shaders WHERE text_embedding IS NOT NULL ORDER BY text_embedding <=> $1::vector LIMIT 2`,
            [probe],
          );
          expect(nearest.rows.map((r) => r.title).sort()).toEqual(['Backed-up gradient', 'Close cousin']);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        const fuzzy = await copy.query<{ title: string }>(
          `SELECT title FROM shaders WHERE title % $1 ORDER BY title <-> $1 LIMIT 1`, // pg_trgm
          ['Backd-up gradiant'],
        );
        expect(fuzzy.rows.map((r) => r.title)).toEqual(['Backed-up gradient']);
      } finally {
        await copy.end();
      }
      expect(await schemaOf(urlOf(name))).toBe(schemaAtBackup);
      expect(await readRenders(copyRenders)).toEqual(rendersAtBackup);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it('restores the wiped live database: she logs in with her password, her shader, versions and key are back', async () => {
    await api.db.pool.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    await rm(rendersDir, { recursive: true, force: true });
    expect((await login(PASSWORD)).status).not.toBe(200);

    // A client left connected, as a running API would be: the restore warns about it.
    const running = createPool(`${api.db.url}?application_name=api-left-running`, 1);
    await running.query('SELECT 1');
    const run = await restore(dumpPath).finally(() => running.end());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`restored 3 render files from`);
    expect(run.stderr).toMatch(/warning: \d+ other session\(s\) are connected .*api-left-running/);
    expect(run.stderr).toContain('Stop the API and worker before a restore');

    expect(await snapshot(api.db.pool)).toEqual(atBackup);
    expect(await schemaOf(api.db.url)).toBe(schemaAtBackup);
    expect(await readRenders(rendersDir)).toEqual(rendersAtBackup);
    const ok = await login(PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(alice.id);
    expect((await login('not-her-password')).status).toBe(401);
    const shader = await api.request<ShaderDetail>('GET', `/api/v1/shaders/${shaderId}`);
    expect(shader.body.source.passes[0]!.code).toBe(IMAGE_V2);
    const versions = await api.request<{ items: ShaderVersionSummary[] }>(
      'GET',
      `/api/v1/shaders/${shaderId}/versions`,
    );
    expect(versions.body.items.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(versions.body.items.find((v) => v.version === 2)!.changeNote).toBe('brighter blue');
    const v1 = await api.request<{ source: { passes: { code: string }[] } }>(
      'GET',
      `/api/v1/shaders/${shaderId}/versions/1`,
    );
    expect(v1.body.source.passes[0]!.code).toBe(IMAGE_V1);
    const me = await api.request<Me>('GET', '/api/v1/me', { token: apiKey });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(alice.username);
    const vote = await api.request<VoteState>('GET', `/api/v1/shaders/${shaderId}/vote`, {
      token: bob.token,
    });
    expect(vote.body.myVote).toBe(1);
    const comments = await api.request<{ items: Comment[] }>('GET', `/api/v1/shaders/${shaderId}/comments`);
    expect(comments.body.items.map((c) => c.id)).toEqual([commentId]);
    expect((await api.request<Desire>('GET', `/api/v1/desires/${desireId}`)).body.prompt).toBe(
      'a slow aurora over a frozen lake',
    );
    expect(await similarTitles()).toEqual(similarAtBackup);
  });

  it('restores over the populated database: every change since the backup is undone, renders too', async () => {
    await api.request('PATCH', `/api/v1/shaders/${shaderId}`, {
      token: alice.token,
      body: { title: 'Renamed after the backup' },
    });
    expect((await api.request('DELETE', `/api/v1/comments/${commentId}`, { token: bob.token })).status).toBe(
      204,
    );
    const late = await createUser(api, 'late_comer');
    await api.db.pool.query('UPDATE users SET points = 1 WHERE id = $1', [bob.id]);
    const prefix = shaderId.slice(0, 2);
    await writeFile(path.join(rendersDir, prefix, `${shaderId}-v2-thumb-abc.webp`), 'overwritten');
    await writeFile(path.join(rendersDir, 'zz', 'made-after-the-backup.webp'), 'new');
    expect(await snapshot(api.db.pool)).not.toEqual(atBackup);

    const run = await restore(dumpPath);
    expect(run.code, run.stderr).toBe(0);

    expect(await snapshot(api.db.pool)).toEqual(atBackup);
    expect(await readRenders(rendersDir)).toEqual(rendersAtBackup);
    expect((await api.request<ShaderDetail>('GET', `/api/v1/shaders/${shaderId}`)).body.title).toBe(
      'Backed-up gradient',
    );
    const lateLogin = await api.request('POST', '/api/v1/auth/login', {
      body: { login: late.username, password: PASSWORD },
    });
    expect(lateLogin.status).toBe(401);
  });

  it('rolls a failing restore back: a dump cut short leaves the database and renders as they were', async () => {
    await api.db.pool.query(`UPDATE shaders SET title = 'Changed before a bad restore' WHERE id = $1`, [
      shaderId,
    ]);
    const before = await snapshot(api.db.pool);
    const cut = path.join(work, 'cut-short.dump');
    await copyFile(dumpPath, cut);
    // Its table of contents is intact, so it passes the header checks; the table data is not.
    await truncate(cut, (await stat(cut)).size - 2_000);

    const run = await restore(cut, {}, [`RENDERS_FILE=${dumpPath.replace(/\.dump$/, '.renders.tar.gz')}`]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/rolled back|nothing was committed/);
    expect(await snapshot(api.db.pool)).toEqual(before);
    expect(await readRenders(rendersDir)).toEqual(rendersAtBackup);
  });

  it('refuses, with a clear message and a non-zero exit, anything but a readable custom-format dump', async () => {
    const before = await snapshot(api.db.pool);
    const text = path.join(work, 'notes.dump');
    await writeFile(text, 'this is not a database dump\n');
    const plain = path.join(work, 'plain.sql');
    await writeFile(plain, (await schemaOf(api.db.url)).slice(0, 5_000));

    const cases: [string[], RegExp][] = [
      [[], /no FILE given\nusage: make restore FILE=/],
      [[`FILE=${text}`], /notes\.dump is not a PostgreSQL custom-format dump/],
      [[`FILE=${plain}`], /plain\.sql is not a PostgreSQL custom-format dump/],
      [[`FILE=${path.join(work, 'missing.dump')}`], /missing\.dump does not exist/],
      [[`FILE=${work}`], /is not a regular file/],
      [
        [`FILE=${dumpPath}`, `RENDERS_FILE=${path.join(work, 'missing.tar.gz')}`],
        /renders archive .*missing\.tar\.gz does not exist/,
      ],
      [
        [`FILE=${dumpPath}`, `RENDERS_FILE=${text}`],
        /renders archive .*notes\.dump is not a readable \.tar\.gz/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await make('restore', { DATABASE_URL: api.db.url }, args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect(await snapshot(api.db.pool)).toEqual(before);
  });
});
