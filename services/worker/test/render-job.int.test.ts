import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, type RenderJob } from '@fractafrag/contracts';
import { createLogger } from '@fractafrag/core';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { startRenderer, type RendererProcess } from '../../../tests/support/renderer-process.ts';
import { reconcileRenders } from '../src/reconciler.ts';
import { processRenderJob, recordExhaustedRetries, type RenderDeps } from '../src/render.worker.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SYSTEM_USER = '00000000-0000-4000-8000-000000000001';

describe('render jobs against the real renderer, Postgres and Redis', () => {
  let db: TestDatabase;
  let renderer: RendererProcess;
  let rendersDir: string;
  let connection: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;
  let deps: RenderDeps;
  const prefix = `test-${randomBytes(4).toString('hex')}`;

  async function insertShader(code: string): Promise<{ id: string; hash: string }> {
    const hash = randomBytes(16).toString('hex');
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO shaders (author_id, title, status, published_at) VALUES ($1, 'test', 'published', now()) RETURNING id`,
      [SYSTEM_USER],
    );
    const id = rows[0]!.id;
    await db.pool.query(
      `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash) VALUES ($1, 1, $2, $3, $4)`,
      [id, JSON.stringify([{ name: 'Image', code, channels: [] }]), SYSTEM_USER, hash],
    );
    return { id, hash };
  }

  async function shaderRow(id: string) {
    const { rows } = await db.pool.query<{
      render_state: string;
      render_error: string | null;
      thumbnail_path: string | null;
    }>('SELECT render_state, render_error, thumbnail_path FROM shaders WHERE id = $1', [id]);
    return rows[0]!;
  }

  async function artifactRow(id: string) {
    const { rows } = await db.pool.query<{
      render_state: string;
      thumbnail_path: string | null;
      poster_path: string | null;
      preview_path: string | null;
    }>('SELECT render_state, thumbnail_path, poster_path, preview_path FROM shaders WHERE id = $1', [id]);
    return rows[0]!;
  }

  /**
   * Runs the job function itself, with its own deps (the queue's worker renders thumbnails only):
   * the thumbnail job, then the extras job it asked for, as the worker would after it.
   */
  async function processDirectly(shaderId: string, codeHash: string, overrides: Partial<RenderDeps>) {
    const requested: RenderJob[] = [];
    const withExtras = {
      ...deps,
      requestExtras: (extras: RenderJob) => Promise.resolve(requested.push(extras)),
      ...overrides,
    };
    const job = { id: `direct-${shaderId}`, data: { shaderId, version: 1, codeHash } } as unknown as Job;
    const outcome = await processRenderJob(withExtras, job);
    expect(requested).toEqual([{ shaderId, version: 1, codeHash, artifacts: ['poster', 'preview'] }]);
    expect((await artifactRow(shaderId)).poster_path).toBeNull();
    const extras = { id: `direct-extras-${shaderId}`, data: requested[0] } as unknown as Job;
    expect(await processRenderJob(withExtras, extras)).toBe('extras-rendered');
    return outcome;
  }

  /**
   * The real renderer behind a proxy that answers every preview request with a crash, as a
   * renderer hiccup would: stills pass through untouched.
   */
  async function startPreviewFailingProxy(): Promise<{ url: string; server: Server }> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const parsed = JSON.parse(body.toString('utf8') || '{}') as { kind?: string };
        if (parsed.kind === 'preview') {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ outcome: 'crashed', errors: [], message: 'browser crashed' }));
          return;
        }
        void fetch(new URL(req.url ?? '/', renderer.url), {
          method: req.method,
          headers: { 'content-type': 'application/json' },
          body,
        }).then(async (upstream) => {
          res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
          res.end(Buffer.from(await upstream.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }

  async function runJob(shaderId: string, codeHash: string) {
    const payload = { shaderId, version: 1, codeHash };
    const job = await queue.add('render', payload, {
      jobId: QUEUES.render.jobId(payload),
      attempts: 3,
      backoff: { type: 'fixed', delay: 100 } as never,
    });
    try {
      await job.waitUntilFinished(events, 60_000);
    } catch {
      // failures are asserted through the shader row and the job state
    }
    return job;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    // The seed shaders are rendered by the e2e suite; here only this file's shaders matter.
    await db.pool.query(`UPDATE shaders SET render_state = 'ready'`);
    renderer = await startRenderer();
    rendersDir = await mkdtemp(path.join(os.tmpdir(), 'fracta-renders-'));
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUES.render.name, { connection, prefix });
    events = new QueueEvents(QUEUES.render.name, { connection: connection.duplicate(), prefix });
    await events.waitUntilReady();
    deps = {
      pool: db.pool,
      logger: createLogger('worker-test', 'silent'),
      rendererUrl: renderer.url,
      rendersDir,
      requestTimeoutMs: 30_000,
    };
    worker = new Worker(QUEUES.render.name, (job) => processRenderJob(deps, job), { connection, prefix });
    worker.on('failed', (job, err) => {
      if (job) void recordExhaustedRetries(deps, job, err);
    });
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    connection?.disconnect();
    await renderer?.stop();
    await db?.drop();
    if (rendersDir) await rm(rendersDir, { recursive: true, force: true });
  });

  it('renders a thumbnail into a content-hashed WebP and marks the shader ready', async () => {
    const { id, hash } = await insertShader(
      'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.3, 1.0); }',
    );
    await runJob(id, hash);
    const row = await shaderRow(id);
    expect(row.render_state).toBe('ready');
    expect(row.thumbnail_path).toMatch(new RegExp(`^${id.slice(0, 2)}/${id}-v1-thumb-[0-9a-f]{16}\\.webp$`));
    const bytes = await readFile(path.join(rendersDir, row.thumbnail_path!));
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    const { rows } = await db.pool.query(
      'SELECT kind, width, height, bytes FROM renders WHERE shader_id = $1',
      [id],
    );
    expect(rows).toEqual([{ kind: 'thumbnail', width: 640, height: 360, bytes: bytes.length }]);
  });

  it('fails a shader that does not compile for good, with the error on the user line', async () => {
    const { id, hash } = await insertShader(
      'void mainImage(out vec4 c, in vec2 p) {\n  c = vec4(1.0);\n  oops;\n}',
    );
    const job = await runJob(id, hash);
    const row = await shaderRow(id);
    expect(row.render_state).toBe('failed');
    expect(row.render_error).toMatch(/compile error: Image:3:/);
    expect(await job.getState()).toBe('failed');
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
  });

  it('re-enqueues a shader whose job was lost and renders it', async () => {
    const { id } = await insertShader(
      'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.2, 0.4, 0.8, 1.0); }',
    );
    const enqueued = await reconcileRenders(db.pool, queue, createLogger('worker-test', 'silent'));
    expect(enqueued).toBe(1);
    const deadline = Date.now() + 60_000;
    while ((await shaderRow(id)).render_state !== 'ready' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await shaderRow(id)).render_state).toBe('ready');
  });

  it('renders thumbnail, poster and animated preview for one version and records all three', async () => {
    const { id, hash } = await insertShader(
      'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5 + 0.5 * sin(iTime), 1.0); }',
    );
    expect(await processDirectly(id, hash, {})).toBe('ready');
    const row = await artifactRow(id);
    expect(row.render_state).toBe('ready');
    const prefix = `^${id.slice(0, 2)}/${id}-v1`;
    expect(row.thumbnail_path).toMatch(new RegExp(`${prefix}-thumb-[0-9a-f]{16}\\.webp$`));
    expect(row.poster_path).toMatch(new RegExp(`${prefix}-poster-[0-9a-f]{16}\\.webp$`));
    expect(row.preview_path).toMatch(new RegExp(`${prefix}-preview-[0-9a-f]{16}\\.webp$`));
    const files = {
      thumbnail: await readFile(path.join(rendersDir, row.thumbnail_path!)),
      poster: await readFile(path.join(rendersDir, row.poster_path!)),
      preview: await readFile(path.join(rendersDir, row.preview_path!)),
    };
    for (const bytes of Object.values(files)) {
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
    expect(files.preview.includes(Buffer.from('ANIM'))).toBe(true);
    expect(files.poster.includes(Buffer.from('ANIM'))).toBe(false);
    expect(files.preview.length).toBeLessThanOrEqual(1024 * 1024);
    const { rows } = await db.pool.query(
      `SELECT kind, path, width, height, format, bytes FROM renders WHERE shader_id = $1 ORDER BY kind`,
      [id],
    );
    expect(rows).toEqual([
      {
        kind: 'thumbnail',
        path: row.thumbnail_path,
        width: 640,
        height: 360,
        format: 'webp',
        bytes: files.thumbnail.length,
      },
      {
        kind: 'preview',
        path: row.preview_path,
        width: 480,
        height: 270,
        format: 'webp',
        bytes: files.preview.length,
      },
      {
        kind: 'poster',
        path: row.poster_path,
        width: 1280,
        height: 720,
        format: 'webp',
        bytes: files.poster.length,
      },
    ]);
  });

  it('leaves the shader ready when its extras job runs out of retries (a thumbnail job would not)', async () => {
    const { id, hash } = await insertShader('void mainImage(out vec4 c, in vec2 p) { c = vec4(0.4); }');
    expect(await processDirectly(id, hash, {})).toBe('ready');
    const exhausted = (data: RenderJob) =>
      ({ id: `exhausted-${id}`, data, attemptsMade: 5, opts: { attempts: 5 } }) as unknown as Job;
    const outage = new Error('renderer unreachable: connect ECONNREFUSED');
    await recordExhaustedRetries(
      deps,
      exhausted({ shaderId: id, version: 1, codeHash: hash, artifacts: ['poster'] }),
      outage,
    );
    expect(await shaderRow(id)).toMatchObject({ render_state: 'ready', render_error: null });
    await recordExhaustedRetries(deps, exhausted({ shaderId: id, version: 1, codeHash: hash }), outage);
    expect((await shaderRow(id)).render_state).toBe('failed');
  });

  it('keeps the job successful and the shader ready when its preview fails, with no preview path', async () => {
    const proxy = await startPreviewFailingProxy();
    try {
      const { id, hash } = await insertShader(
        'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.9, p.y / iResolution.y, 0.1, 1.0); }',
      );
      expect(await processDirectly(id, hash, { rendererUrl: proxy.url })).toBe('ready');
      const row = await artifactRow(id);
      expect(row.render_state).toBe('ready');
      expect(row.thumbnail_path).not.toBeNull();
      expect(row.poster_path).not.toBeNull();
      expect(row.preview_path).toBeNull();
      const { rows } = await db.pool.query<{ kind: string }>(
        'SELECT kind FROM renders WHERE shader_id = $1 ORDER BY kind',
        [id],
      );
      expect(rows.map((r) => r.kind)).toEqual(['thumbnail', 'poster']);
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  it('clears the poster and preview of an older version when a newer version is rendered', async () => {
    const { id, hash } = await insertShader(
      'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.1, 0.2, 0.3, 1.0); }',
    );
    expect(await processDirectly(id, hash, {})).toBe('ready');
    expect((await artifactRow(id)).poster_path).not.toBeNull();
    await db.pool.query(
      `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash)
       VALUES ($1, 2, $2, $3, $4)`,
      [
        id,
        JSON.stringify([
          { name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }', channels: [] },
        ]),
        SYSTEM_USER,
        randomBytes(16).toString('hex'),
      ],
    );
    await db.pool.query(`UPDATE shaders SET current_version = 2, render_state = 'queued' WHERE id = $1`, [
      id,
    ]);
    const job = {
      id: `direct-${id}-v2`,
      data: { shaderId: id, version: 2, codeHash: 'abcdef0123456789' },
    } as unknown as Job;
    expect(await processRenderJob(deps, job)).toBe('ready');
    const row = await artifactRow(id);
    expect(row.thumbnail_path).toMatch(/-v2-thumb-/);
    expect(row.poster_path).toBeNull();
    expect(row.preview_path).toBeNull();
  });
});
