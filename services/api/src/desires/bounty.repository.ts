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
