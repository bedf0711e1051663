import type { Pool, PoolClient } from '@fractafrag/db';

export type VoteValue = 1 | -1;

export async function findVote(
  db: Pool | PoolClient,
  userId: string,
  shaderId: string,
): Promise<VoteValue | null> {
  const { rows } = await db.query<{ value: VoteValue }>(
    `SELECT value FROM votes WHERE user_id = $1 AND shader_id = $2`,
    [userId, shaderId],
  );
  return rows[0]?.value ?? null;
}

/** One vote per user and shader: a second vote replaces the first. */
export async function upsertVote(
  client: PoolClient,
  userId: string,
  shaderId: string,
  value: VoteValue,
): Promise<void> {
  await client.query(
    `INSERT INTO votes (user_id, shader_id, value) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, shader_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [userId, shaderId, value],
  );
}

export async function deleteVote(client: PoolClient, userId: string, shaderId: string): Promise<void> {
  await client.query(`DELETE FROM votes WHERE user_id = $1 AND shader_id = $2`, [userId, shaderId]);
}

export interface VoteCountsRow {
  id: string;
  author_id: string;
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'unlisted' | 'private';
  vote_up: number;
  vote_down: number;
  hot_score: number;
}

export async function findVoteCounts(pool: Pool, shaderId: string): Promise<VoteCountsRow | null> {
  const { rows } = await pool.query<VoteCountsRow>(
    `SELECT id, author_id, status, visibility, vote_up, vote_down, hot_score
     FROM shaders WHERE id = $1 AND deleted_at IS NULL`,
    [shaderId],
  );
  return rows[0] ?? null;
}
