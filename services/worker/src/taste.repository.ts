import type { Pool } from '@fractafrag/db';
import type { ShaderSignals } from './taste.ts';

/** Signals on at most this many shaders, the most recently engaged first; older ones have decayed. */
export const TASTE_MAX_SHADERS = 500;

interface SignalRow {
  embedding: string;
  vote: number | null;
  voted_at: Date | null;
  replays: number | null;
  replayed_at: Date | null;
  dwell_ms: string | null;
  dwelt_at: Date | null;
}

/**
 * One row per shader the user voted on, replayed or dwelt on, with the shader's text embedding
 * (shaders without one yet, or deleted, are left out: they say nothing about taste).
 */
export async function findTasteSignals(pool: Pool, userId: string): Promise<ShaderSignals[]> {
  const { rows } = await pool.query<SignalRow>(
    `WITH v AS (
       SELECT shader_id, value::int AS vote, updated_at AS voted_at FROM votes WHERE user_id = $1
     ), e AS (
       SELECT shader_id,
              count(*) FILTER (WHERE kind = 'replay')::int AS replays,
              max(created_at) FILTER (WHERE kind = 'replay') AS replayed_at,
              sum(dwell_ms) FILTER (WHERE kind = 'dwell')::bigint AS dwell_ms,
              max(created_at) FILTER (WHERE kind = 'dwell') AS dwelt_at
       FROM engagement_events
       WHERE user_id = $1 AND kind IN ('replay', 'dwell')
       GROUP BY shader_id
     ), j AS (
       SELECT coalesce(v.shader_id, e.shader_id) AS shader_id, v.vote, v.voted_at,
              e.replays, e.replayed_at, e.dwell_ms, e.dwelt_at,
              greatest(v.voted_at, e.replayed_at, e.dwelt_at) AS last_at
       FROM v FULL JOIN e ON e.shader_id = v.shader_id
     )
     SELECT s.text_embedding::text AS embedding, j.vote, j.voted_at, j.replays, j.replayed_at,
            j.dwell_ms, j.dwelt_at
     FROM j JOIN shaders s ON s.id = j.shader_id
     WHERE s.text_embedding IS NOT NULL AND s.deleted_at IS NULL
     ORDER BY j.last_at DESC
     LIMIT $2`,
    [userId, TASTE_MAX_SHADERS],
  );
  return rows.map((r) => ({
    embedding: JSON.parse(r.embedding) as number[],
    vote: r.vote === 1 ? 1 : r.vote === -1 ? -1 : 0,
    votedAt: r.voted_at,
    replays: r.replays ?? 0,
    replayedAt: r.replayed_at,
    dwellMs: Number(r.dwell_ms ?? 0),
    dweltAt: r.dwelt_at,
  }));
}

/** Writes (or clears, with null) the user's taste vector; false if the user no longer exists. */
export async function writeTasteVector(
  pool: Pool,
  userId: string,
  vector: number[] | null,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE users SET taste_vector = $2::vector, taste_updated_at = now() WHERE id = $1`,
    [userId, vector ? `[${vector.join(',')}]` : null],
  );
  return rowCount === 1;
}
