import type { PoolClient } from '@fractafrag/db';

/**
 * Points moved by tips, fulfilments and refunds. Every function runs inside the caller's
 * transaction, after the desire row is locked (lock order: desire, then users by id).
 */

/** Takes points if the balance covers them; null (nothing taken) if it does not. */
export async function debitPoints(
  client: PoolClient,
  userId: string,
  points: number,
): Promise<number | null> {
  const { rows } = await client.query<{ points: number }>(
    'UPDATE users SET points = points - $2 WHERE id = $1 AND points >= $2 RETURNING points',
    [userId, points],
  );
  return rows[0]?.points ?? null;
}

export async function pointsOf(client: PoolClient, userId: string): Promise<number> {
  const { rows } = await client.query<{ points: number }>('SELECT points FROM users WHERE id = $1', [userId]);
  return rows[0]?.points ?? 0;
}

export async function creditPoints(client: PoolClient, userId: string, points: number): Promise<number> {
  const { rows } = await client.query<{ points: number }>(
    'UPDATE users SET points = points + $2 WHERE id = $1 RETURNING points',
    [userId, points],
  );
  return rows[0]!.points;
}

/** Gives every tipper of the desire their points back; returns the total refunded. */
export async function refundTips(client: PoolClient, desireId: string): Promise<number> {
  // Lock the tippers in id order first, so two refunds sharing tippers cannot deadlock.
  await client.query(
    `SELECT 1 FROM users WHERE id IN (SELECT user_id FROM bounty_tips WHERE desire_id = $1)
     ORDER BY id FOR UPDATE`,
    [desireId],
  );
  const { rows } = await client.query<{ refunded: number }>(
    `WITH per_user AS (
       SELECT user_id, sum(points)::int AS total FROM bounty_tips WHERE desire_id = $1 GROUP BY user_id
     ), credited AS (
       UPDATE users u SET points = u.points + p.total FROM per_user p WHERE u.id = p.user_id RETURNING p.total
     )
     SELECT coalesce(sum(total), 0)::int AS refunded FROM credited`,
    [desireId],
  );
  return rows[0]?.refunded ?? 0;
}
