import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, type EmbedJob } from '@fractafrag/contracts';
import { createLogger } from '@fractafrag/core';
import { createTestDatabase, type TestDatabase } from '@fractafrag/db/testing';
import { cosine, embedShader, fromPgVector } from '@fractafrag/embeddings';
import { extractVisualFeatures, hammingDistance } from '@fractafrag/visual-features';
import { findShaderText, writeShaderEmbedding } from '../src/embed.repository.ts';
import {
  DESIRE_CLUSTER_MIN_SIMILARITY,
  enqueueEmbed,
  processEmbedJob,
  reconcileEmbeddings,
} from '../src/embed.worker.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SYSTEM_USER = '00000000-0000-4000-8000-000000000001';
const TORUS = `// a glowing torus
float sdTorus(vec3 p, vec2 t) { return length(vec2(length(p.xz) - t.x, p.y)) - t.y; }
void mainImage(out vec4 fragColor, in vec2 fragCoord) { fragColor = vec4(sdTorus(vec3(fragCoord, 1.0), vec2(1.0))); }`;

describe('embed jobs on a real BullMQ worker, Postgres and Redis', () => {
  let db: TestDatabase;
  let connection: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const logger = createLogger('embed-test', 'silent');
  let rendersDir: string;

  async function run(job: EmbedJob): Promise<Job> {
    await enqueueEmbed(queue, job, 'completed-or-failed');
    const queued = (await queue.getJob(QUEUES.embed.jobId(job)))!;
    await queued.waitUntilFinished(events, 30_000).catch(() => undefined);
    return (await queue.getJob(queued.id!))!;
  }

  async function insertDesire(prompt: string, details = ''): Promise<string> {
    const { rows } = await db.pool.query<{ id: string }>(
      'INSERT INTO desires (author_id, prompt, details) VALUES ($1, $2, $3) RETURNING id',
      [SYSTEM_USER, prompt, details],
    );
    return rows[0]!.id;
  }

  const desireRow = async (id: string) =>
    (
      await db.pool.query<{ cluster_id: string | null; embedding: string | null; heat: number }>(
        'SELECT cluster_id, embedding::text AS embedding, heat FROM desires WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  beforeAll(async () => {
    db = await createTestDatabase();
    rendersDir = await mkdtemp(path.join(tmpdir(), 'embed-renders-'));
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUES.embed.name, { connection, prefix });
    events = new QueueEvents(QUEUES.embed.name, { connection: connection.duplicate(), prefix });
    await events.waitUntilReady();
    worker = new Worker(
      QUEUES.embed.name,
      (job) => processEmbedJob({ pool: db.pool, logger, rendersDir }, job),
      {
        connection,
        prefix,
        concurrency: 4,
      },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    connection?.disconnect();
    await db?.drop();
    if (rendersDir) await rm(rendersDir, { recursive: true, force: true });
  });

  async function insertShader(title: string): Promise<string> {
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO shaders (author_id, title, status, published_at)
       VALUES ($1, $2, 'published', now()) RETURNING id`,
      [SYSTEM_USER, title],
    );
    const id = rows[0]!.id;
    await db.pool.query(
      `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash) VALUES ($1, 1, $2, $3, 'h')`,
      [id, JSON.stringify([{ name: 'Image', code: TORUS, channels: [] }]), SYSTEM_USER],
    );
    return id;
  }

  /** A 640×360 WebP thumbnail like the renderer's: a gradient with a bright disc at `disc` (0–1). */
  async function writeThumbnail(relative: string, disc: number): Promise<string> {
    const width = 640;
    const height = 360;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = Math.hypot(x / width - disc, y / height - 0.5) < 0.15;
        const i = 3 * (y * width + x);
        raw[i] = inside ? 250 : Math.round((200 * x) / width);
        raw[i + 1] = inside ? 220 : 40;
        raw[i + 2] = inside ? 80 : Math.round((200 * y) / height);
      }
    }
    const file = path.join(rendersDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .webp({ quality: 80 })
      .toFile(file);
    return relative;
  }

  const visualRow = async (id: string) =>
    (
      await db.pool.query<{ visual_embedding: string | null; visual_hash: string | null }>(
        'SELECT visual_embedding::text, visual_hash::text FROM shaders WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  it("writes a shader's text embedding from its title, tags and current code, leaving updated_at alone", async () => {
    const { rows } = await db.pool.query<{ id: string; updated_at: Date }>(
      `INSERT INTO shaders (author_id, title, description, tags, status, published_at)
       VALUES ($1, 'Torus glow', 'A raymarched torus', '{raymarching,sdf}', 'published', now() - interval '1 day')
       RETURNING id, updated_at`,
      [SYSTEM_USER],
    );
    const id = rows[0]!.id;
    await db.pool.query(
      `INSERT INTO shader_versions (shader_id, version, passes, author_id, code_hash) VALUES ($1, 1, $2, $3, 'h')`,
      [id, JSON.stringify([{ name: 'Image', code: TORUS, channels: [] }]), SYSTEM_USER],
    );
    const job = await run({ kind: 'shader', id });
    expect(job.returnvalue).toBe('shader-embedded');
    const after = await db.pool.query<{ text_embedding: string; updated_at: Date }>(
      'SELECT text_embedding::text, updated_at FROM shaders WHERE id = $1',
      [id],
    );
    const stored = fromPgVector(after.rows[0]!.text_embedding);
    const expected = await embedShader({
      title: 'Torus glow',
      description: 'A raymarched torus',
      tags: ['raymarching', 'sdf'],
      code: ['', TORUS],
    });
    expect(stored).toHaveLength(256);
    expect(cosine(stored, expected)).toBeGreaterThan(0.9999);
    expect(after.rows[0]!.updated_at).toEqual(rows[0]!.updated_at);
  });

  it("writes the visual embedding and perceptual hash of the shader's thumbnail beside the text embedding", async () => {
    const id = await insertShader('Sunny disc');
    const thumbnail = await writeThumbnail(`${id.slice(0, 2)}/${id}-v1-thumbnail-abc.webp`, 0.3);
    await db.pool.query('UPDATE shaders SET thumbnail_path = $2 WHERE id = $1', [id, thumbnail]);
    const job = await run({ kind: 'shader', id });
    expect(job.returnvalue).toBe('shader-embedded-with-visual');
    const row = await visualRow(id);
    const stored = fromPgVector(row.visual_embedding!);
    expect(stored).toHaveLength(64);
    expect(row.visual_hash).toMatch(/^[01]{64}$/);
    const expected = await extractVisualFeatures(path.join(rendersDir, thumbnail));
    expect(cosine(stored, expected.embedding)).toBeGreaterThan(0.9999);
    expect(row.visual_hash).toBe(expected.hash);
  });

  it('gives a near-identical thumbnail a close visual embedding and a small pHash distance', async () => {
    const [a, b] = [await insertShader('Disc A'), await insertShader('Disc B')];
    for (const [id, disc] of [
      [a, 0.3],
      [b, 0.32],
    ] as const) {
      const thumbnail = await writeThumbnail(`${id.slice(0, 2)}/${id}-v1-thumbnail-x.webp`, disc);
      await db.pool.query('UPDATE shaders SET thumbnail_path = $2 WHERE id = $1', [id, thumbnail]);
      await run({ kind: 'shader', id });
    }
    const [ra, rb] = [await visualRow(a), await visualRow(b)];
    expect(cosine(fromPgVector(ra.visual_embedding!), fromPgVector(rb.visual_embedding!))).toBeGreaterThan(
      0.95,
    );
    expect(hammingDistance(ra.visual_hash!, rb.visual_hash!)).toBeLessThanOrEqual(6);
  });

  it('still stores the text embedding when the thumbnail file is missing, without a visual one', async () => {
    const id = await insertShader('Lost thumbnail');
    await db.pool.query('UPDATE shaders SET thumbnail_path = $2 WHERE id = $1', [id, 'zz/gone.webp']);
    const job = await run({ kind: 'shader', id });
    expect(job.returnvalue).toBe('shader-embedded');
    expect(await job.getState()).toBe('completed');
    const row = await visualRow(id);
    expect(row.visual_embedding).toBeNull();
    expect(row.visual_hash).toBeNull();
  });

  it('refuses to store an embedding computed from text the shader no longer has', async () => {
    const seed = '00000000-0000-4000-8000-000000000101';
    const text = (await findShaderText(db.pool, seed))!;
    await db.pool.query(`UPDATE shaders SET title = 'Renamed meanwhile' WHERE id = $1`, [seed]);
    expect(await writeShaderEmbedding(db.pool, seed, text, `[${new Array(256).fill(0.1).join(',')}]`)).toBe(
      false,
    );
  });

  it('puts two similar desires in one cluster and an unrelated one in its own, even when embedded concurrently', async () => {
    const ragdoll = await insertDesire(
      'slow dark ragdoll physics with neon glow',
      'falling bodies in a void',
    );
    const paraphrase = await insertDesire('neon glowing ragdoll physics, slow and dark');
    const ocean = await insertDesire('ocean waves at sunset');
    const jobs = await Promise.all([ragdoll, paraphrase, ocean].map((id) => run({ kind: 'desire', id })));
    expect(jobs.map((j) => String(j.returnvalue)).sort()).toEqual([
      'desire-joined-cluster',
      'desire-new-cluster',
      'desire-new-cluster',
    ]);
    const [a, b, c] = await Promise.all([desireRow(ragdoll), desireRow(paraphrase), desireRow(ocean)]);
    expect(a.embedding && b.embedding && c.embedding).toBeTruthy();
    expect(a.cluster_id).not.toBeNull();
    expect(a.cluster_id).toBe(b.cluster_id);
    expect(c.cluster_id).not.toBe(a.cluster_id);
    expect(cosine(fromPgVector(a.embedding!), fromPgVector(b.embedding!))).toBeGreaterThanOrEqual(
      DESIRE_CLUSTER_MIN_SIMILARITY,
    );

    const clusters = await db.pool.query<{ id: string; label: string; size: number; centroid: string }>(
      'SELECT id, label, size, centroid::text FROM desire_clusters ORDER BY size DESC',
    );
    expect(clusters.rows.map((r) => r.size)).toEqual([2, 1]);
    expect(clusters.rows[0]!.label).toMatch(/ragdoll/);
    expect(clusters.rows[1]!.label).toBe('ocean waves sunset');
    // The pair's centroid is the renormalised mean of its two members.
    const centroid = fromPgVector(clusters.rows[0]!.centroid);
    expect(cosine(centroid, fromPgVector(a.embedding!))).toBeGreaterThan(0.9);
    expect(cosine(centroid, fromPgVector(b.embedding!))).toBeGreaterThan(0.9);
    // Cluster size is part of heat: the pair's desires now outrank the lone one.
    expect(a.heat).toBeGreaterThan(c.heat);
    expect(a.heat).toBeCloseTo(b.heat, 3);
  });

  it('keeps a desire in its cluster when its job runs again (no double counting)', async () => {
    const id = await insertDesire('fractal mandelbrot deep zoom');
    await run({ kind: 'desire', id });
    const before = await desireRow(id);
    const again = await run({ kind: 'desire', id });
    expect(again.returnvalue).toBe('desire-embedded');
    const after = await desireRow(id);
    expect(after.cluster_id).toBe(before.cluster_id);
    const { rows } = await db.pool.query<{ size: number }>('SELECT size FROM desire_clusters WHERE id = $1', [
      before.cluster_id,
    ]);
    expect(rows[0]!.size).toBe(1);
  });

  it("finishes a job for something that no longer exists as 'missing'", async () => {
    const job = await run({ kind: 'desire', id: '5b0f7c9e-0000-4000-8000-000000000000' });
    expect(job.returnvalue).toBe('missing');
  });

  it('fails a job whose payload does not parse for good, without retries', async () => {
    const job = await queue.add(
      'embed',
      { kind: 'thumbnail', id: 'nope' },
      { jobId: 'embed-bad', attempts: 3 },
    );
    await job.waitUntilFinished(events, 30_000).catch(() => undefined);
    const failed = (await queue.getJob('embed-bad'))!;
    expect(await failed.getState()).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/invalid embed payload/);
  });

  it('reconciles everything without an embedding (the seed shaders included) and then nothing more', async () => {
    const missing = async () =>
      (
        await db.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM shaders WHERE text_embedding IS NULL',
        )
      ).rows[0]!.n;
    expect(await missing()).toBeGreaterThanOrEqual(13);
    expect(await reconcileEmbeddings(db.pool, queue, logger)).toBeGreaterThanOrEqual(13);
    const deadline = Date.now() + 20_000;
    while ((await missing()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await missing()).toBe(0);
    expect(await reconcileEmbeddings(db.pool, queue, logger)).toBe(0);
  });
});
