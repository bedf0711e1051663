import type { Pool, PoolClient } from '@fractafrag/db';
import type { ShaderRow } from '../shaders/shader.repository.ts';
import { LISTED, SHADER_LIST_COLUMNS } from '../search/shader-listing.repository.ts';

/** Bounds of the candidate pool: nearest neighbours of the taste vector, plus trending, plus new. */
export const CANDIDATES = { nearest: 200, trending: 100, fresh: 100 } as const;

/** The user's taste vector in pgvector text form, or null before the worker has computed one. */
export async function findTasteVector(pool: Pool, userId: string): Promise<string | null> {
  const { rows } = await pool.query<{ taste: string | null }>(
    `SELECT taste_vector::text AS taste FROM users WHERE id = $1`,
    [userId],
  );
  return rows[0]?.taste ?? null;
}

export interface CandidateRow extends ShaderRow {
  /** Cosine similarity to the taste vector; null without a text embedding. */
  similarity: number | null;
  age_hours: number;
}

/**
 * The personal feed's candidates as of `asOf`: listed shaders published by then, not the user's
 * own, and not ones the user had viewed, watched, replayed or voted on by then. Freezing the
 * "seen" set at `asOf` keeps later pages stable while the user engages with the first one.
 */
export async function listForYouCandidates(
  client: PoolClient,
  input: { userId: string; taste: string; asOf: Date },
): Promise<CandidateRow[]> {
  const eligible = `${LISTED} AND s.author_id <> $1 AND s.published_at <= $3
    AND NOT EXISTS (SELECT 1 FROM engagement_events e
                    WHERE e.user_id = $1 AND e.shader_id = s.id AND e.created_at <= $3)
    AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.user_id = $1 AND v.shader_id = s.id AND v.created_at <= $3)`;
  const { rows } = await client.query<CandidateRow>(
    `SELECT ${SHADER_LIST_COLUMNS},
            1 - (s.text_embedding <=> $2::vector) AS similarity,
            (extract(epoch FROM $3::timestamptz - s.published_at) / 3600)::float8 AS age_hours
     FROM shaders s JOIN users u ON u.id = s.author_id
     WHERE s.id IN (
       (SELECT s.id FROM shaders s WHERE ${eligible} AND s.text_embedding IS NOT NULL
        ORDER BY s.text_embedding <=> $2::vector LIMIT ${CANDIDATES.nearest})
       UNION
       (SELECT s.id FROM shaders s WHERE ${eligible} ORDER BY s.hot_score DESC, s.id DESC LIMIT ${CANDIDATES.trending})
       UNION
       (SELECT s.id FROM shaders s WHERE ${eligible} ORDER BY s.published_at DESC, s.id DESC LIMIT ${CANDIDATES.fresh}))`,
    [input.userId, input.taste, input.asOf],
  );
  return rows;
}
