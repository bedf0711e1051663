import type { SimilarShader } from '@fractafrag/contracts';
import { reciprocalRankFusion } from '@fractafrag/ranking';
import type { AuthContext } from '../auth/auth-context.ts';
import { toShaderSummary } from '../shaders/shader.mapper.ts';
import { assertShaderId, assertVisible } from '../shaders/shader-access.ts';
import type { DiscoveryDeps } from './search.service.ts';
import { findListedShaders } from './shader-listing.repository.ts';
import {
  findShaderEmbeddings,
  hammingDistances,
  nearestListedShaders,
  type Neighbour,
} from './similar.repository.ts';
import { withVectorSearch } from './vector-search.ts';

/**
 * Two thumbnails whose 64-bit perceptual hashes (DCT pHash, computed by the worker) differ in at
 * most this many bits are flagged as near-duplicates: a re-upload, a fork with a tweaked constant.
 * Re-encoding or a small shift or tint of the same picture flips 0–6 bits; different pictures
 * about half of the 64.
 */
export const NEAR_DUPLICATE_MAX_HAMMING = 6;

/**
 * Shaders like this one: the k nearest listed shaders by text embedding (what it says it is) and by
 * visual embedding (what its render looks like), merged by reciprocal-rank fusion. A shader whose
 * embeddings the worker has not computed yet has no neighbours: an empty list, not an error.
 * Neighbours whose thumbnail is a near-duplicate of this one's carry `nearDuplicate: true`.
 */
export async function findSimilarShaders(
  deps: DiscoveryDeps,
  id: string,
  auth: AuthContext | undefined,
  limit: number,
): Promise<{ items: SimilarShader[] }> {
  assertShaderId(id);
  const source = assertVisible(await findShaderEmbeddings(deps.pool, id), auth);
  if (!source.text_embedding && !source.visual_embedding) return { items: [] };

  const [byText, byLook] = await withVectorSearch(deps.pool, async (client) => [
    source.text_embedding ? await nearestListedShaders(client, 'text', source.text_embedding, id, limit) : [],
    source.visual_embedding
      ? await nearestListedShaders(client, 'visual', source.visual_embedding, id, limit)
      : [],
  ]);
  const fused = reciprocalRankFusion([byText.map((n) => n.id), byLook.map((n) => n.id)]).slice(0, limit);
  const rows = new Map(
    (
      await findListedShaders(
        deps.pool,
        fused.map((f) => f.id),
      )
    ).map((row) => [row.id, row]),
  );
  const distances = source.visual_hash
    ? await hammingDistances(
        deps.pool,
        source.visual_hash,
        fused.map((f) => f.id),
      )
    : new Map<string, number>();
  const similarity = (list: Neighbour[]) => new Map(list.map((n) => [n.id, n.similarity]));
  const text = similarity(byText);
  const visual = similarity(byLook);

  const items: SimilarShader[] = [];
  for (const { id: neighbourId, score } of fused) {
    const row = rows.get(neighbourId);
    if (!row) continue; // unlisted or deleted since the neighbour query
    const distance = distances.get(neighbourId);
    items.push({
      ...toShaderSummary(row, deps.rendersPublicPath),
      similarity: { score, text: text.get(neighbourId) ?? null, visual: visual.get(neighbourId) ?? null },
      ...(distance === undefined ? {} : { nearDuplicate: distance <= NEAR_DUPLICATE_MAX_HAMMING }),
    });
  }
  return { items };
}
