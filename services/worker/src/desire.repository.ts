import type { Pool, PoolClient } from '@fractafrag/db';

/** Open desires past their expiry date, oldest deadline first. */
export async function findExpiredOpenDesires(pool: Pool, limit: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM desires WHERE status = 'open' AND expires_at <= now() ORDER BY expires_at, id LIMIT $1`,
    [Math.min(Math.max(1, limit), 1000)],
  );
  return rows.map((r) => r.id);
}

/**
 * Marks one desire expired if it still is open and past its date; locks the row first, the same
 * lock order as the API's tip, support, fulfil and close (desire, then users by id), so an expiry
 * and a concurrent fulfilment cannot both happen. Returns false if it no longer qualifies.
 */
export async function markExpired(client: PoolClient, desireId: string): Promise<boolean> {
  const { rows } = await client.query<{ due: boolean }>(
    `SELECT status = 'open' AND expires_at <= now() AS due FROM desires WHERE id = $1 FOR UPDATE`,
    [desireId],
  );
  if (!rows[0]?.due) return false;
  await client.query(`UPDATE desires SET status = 'expired', updated_at = now() WHERE id = $1`, [desireId]);
  return true;
}

/**
 * Gives every tipper of the desire their points back; returns the total refunded. The same
 * statement as the API's refundTips (services/api/src/desires/bounty.repository.ts), which a
 * closed desire goes through.
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
