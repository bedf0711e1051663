import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimilarShader } from '@fractafrag/contracts';
import { startApi, type ApiHarness, type TestUser } from './api-harness.ts';
import { hideSeedShaders, quickUser, seedShader, sparseVector } from './social-fixtures.ts';

/** A 64-bit hash as '0'/'1' text with the first `ones` bits set. */
const hash = (ones: number) => '1'.repeat(ones) + '0'.repeat(64 - ones);

describe('GET /shaders/:id/similar: near-duplicate thumbnails', () => {
  let api: ApiHarness;
  let maker: TestUser;
  const ids: Record<string, string> = {};
  const similar = (id: string) =>
    api.request<{ items: SimilarShader[] }>('GET', `/api/v1/shaders/${id}/similar?limit=10`);
  const setHash = (id: string, bits: string) =>
    api.db.pool.query('UPDATE shaders SET visual_hash = $2::bit(64) WHERE id = $1', [id, bits]);

  beforeAll(async () => {
    api = await startApi();
    await hideSeedShaders(api);
    maker = await quickUser(api, 'dup_maker');
    const look = (x: number) => sparseVector(64, { 0: 1, 1: x });
    ids.source = await seedShader(api, maker.id, { title: 'Original', visualEmbedding: look(0) });
    ids.reupload = await seedShader(api, maker.id, { title: 'Re-upload', visualEmbedding: look(0.05) });
    ids.cousin = await seedShader(api, maker.id, { title: 'Cousin', visualEmbedding: look(0.4) });
    ids.unhashed = await seedShader(api, maker.id, { title: 'Not hashed yet', visualEmbedding: look(0.6) });
    await setHash(ids.source, hash(0));
    await setHash(ids.reupload, hash(6)); // 6 bits apart: still a near-duplicate
    await setHash(ids.cousin, hash(7)); // 7 bits apart: merely similar
  });
  afterAll(() => api.close());

  it('flags neighbours whose thumbnail hash is at most 6 bits away, and only those', async () => {
    const res = await similar(ids.source!);
    expect(res.status).toBe(200);
    const byTitle = new Map(res.body.items.map((s) => [s.title, s]));
    expect(byTitle.get('Re-upload')!.nearDuplicate).toBe(true);
    expect(byTitle.get('Cousin')!.nearDuplicate).toBe(false);
    expect(byTitle.get('Not hashed yet')).toBeDefined();
    expect(byTitle.get('Not hashed yet')!.nearDuplicate).toBeUndefined();
    expect(byTitle.has('Original')).toBe(false);
  });

  it('leaves the flag out entirely when the shader itself has no hash yet', async () => {
    const res = await similar(ids.unhashed!);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((s) => s.nearDuplicate === undefined)).toBe(true);
  });
});
