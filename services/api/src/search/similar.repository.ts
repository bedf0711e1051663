import type { Pool, PoolClient } from '@fractafrag/db';
import type { ShaderAccessRow } from '../feed/shader-state.repository.ts';
import { LISTED } from './shader-listing.repository.ts';

export interface ShaderEmbeddingsRow extends ShaderAccessRow {
  /** pgvector text form ('[0.1,0.2,…]'), passed back verbatim as a query parameter. */
  text_embedding: string | null;
  visual_embedding: string | null;
  /** The thumbnail's 64-bit perceptual hash as '0'/'1' text. */
  visual_hash: string | null;
}

export async function findShaderEmbeddings(pool: Pool, id: string): Promise<ShaderEmbeddingsRow | null> {
  const { rows } = await pool.query<ShaderEmbeddingsRow>(
    `SELECT id, author_id, status, visibility, text_embedding::text, visual_embedding::text,
            visual_hash::text
     FROM shaders WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Hamming distance between `hash` and the perceptual hash of each of `ids` that has one (XOR, then
 * count the set bits); shaders without a hash are left out.
 */
export async function hammingDistances(
  pool: Pool,
  hash: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; distance: number }>(
    `SELECT id, bit_count(visual_hash # $1::bit(64))::int AS distance
     FROM shaders WHERE id = ANY($2::uuid[]) AND visual_hash IS NOT NULL`,
    [hash, ids.slice(0, 100)],
  );
  return new Map(rows.map((r) => [r.id, r.distance]));
}

/** Whitelisted so the column name can be spliced into SQL. */
const EMBEDDING_COLUMNS = { text: 'text_embedding', visual: 'visual_embedding' } as const;

export interface Neighbour {
  id: string;
  similarity: number;
}

/** The k listed shaders nearest to `vector` by cosine distance on one embedding, excluding `excludeId`. */
export async function nearestListedShaders(
  client: PoolClient,
  embedding: keyof typeof EMBEDDING_COLUMNS,
  vector: string,
  excludeId: string,
  k: number,
): Promise<Neighbour[]> {
  const column = `s.${EMBEDDING_COLUMNS[embedding]}`;
  const { rows } = await client.query<Neighbour>(
    `SELECT s.id, 1 - (${column} <=> $1::vector) AS similarity
     FROM shaders s
     WHERE ${LISTED} AND ${column} IS NOT NULL AND s.id <> $2
     ORDER BY ${column} <=> $1::vector
     LIMIT $3`,
    [vector, excludeId, Math.min(Math.max(1, k), 100)],
  );
  // An all-zero vector has no direction: pgvector answers NaN, which we report as 0.
  return rows.map((r) => ({ id: r.id, similarity: Number.isFinite(r.similarity) ? r.similarity : 0 }));
}
