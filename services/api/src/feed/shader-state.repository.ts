import { hotScore } from '@fractafrag/ranking';
import type { Pool, PoolClient } from '@fractafrag/db';
import type { AccessRow } from '../shaders/shader-access.ts';

/** What votes, events and comments need to decide whether a shader may be touched. */
export interface ShaderAccessRow extends AccessRow {
  id: string;
}

/** The counters hotScore() reads, plus the access columns. */
export interface ShaderCountersRow extends ShaderAccessRow {
  vote_up: number;
  vote_down: number;
  view_count: number;
  replay_count: number;
  dwell_ms_total: number;
  hot_score: number;
  published_at: Date | null;
}

export async function findShaderAccess(db: Pool | PoolClient, id: string): Promise<ShaderAccessRow | null> {
  const { rows } = await db.query<ShaderAccessRow>(
    `SELECT id, author_id, status, visibility FROM shaders WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Reads a shader's counters and holds its row lock until the transaction ends, so counters and the
 * hot score derived from them change together. FOR NO KEY UPDATE does not block the inserts of
 * votes, events and comments that reference the shader.
 */
export async function lockShaderCounters(client: PoolClient, id: string): Promise<ShaderCountersRow | null> {
  const { rows } = await client.query<ShaderCountersRow>(
    `SELECT id, author_id, status, visibility, vote_up, vote_down, view_count, replay_count, dwell_ms_total,
            hot_score, published_at
     FROM shaders WHERE id = $1 AND deleted_at IS NULL
     FOR NO KEY UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** Writes new counters and the hot score computed from them (call under lockShaderCounters). */
export async function saveShaderCounters(
  client: PoolClient,
  row: ShaderCountersRow,
  now: Date = new Date(),
): Promise<number> {
  const hot = hotScore({
    up: row.vote_up,
    down: row.vote_down,
    replays: row.replay_count,
    dwellMs: row.dwell_ms_total,
    views: row.view_count,
    publishedAt: row.published_at,
    now,
  });
  await client.query(
    `UPDATE shaders SET vote_up = $2, vote_down = $3, view_count = $4, replay_count = $5, dwell_ms_total = $6,
            hot_score = $7
     WHERE id = $1`,
    [row.id, row.vote_up, row.vote_down, row.view_count, row.replay_count, row.dwell_ms_total, hot],
  );
  return hot;
}
