import type { PoolClient } from './pool.ts';

/**
 * Gives every tipper of the desire their points back; returns the total refunded. Shared by the
 * API (a closed desire) and the worker (an expired desire).
 */
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
