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
