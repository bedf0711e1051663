import type { PoolClient } from '@fractafrag/db';

export type EngagementKind = 'view' | 'dwell' | 'replay';

/** Who did it: the user id when logged in, else the client's session id (the dedup index's expression). */
export interface Actor {
  userId: string | null;
  sessionId: string | null;
}
const actorKey = (actor: Actor) => actor.userId ?? actor.sessionId!;

/**
 * Serialises events of one actor on one shader and kind (a transaction-scoped advisory lock), so two
 * simultaneous identical events cannot both pass the window check.
 */
export async function lockActorEvents(
  client: PoolClient,
  shaderId: string,
  kind: EngagementKind,
  actor: Actor,
) {
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `engagement:${shaderId}:${kind}:${actorKey(actor)}`,
  ]);
}

/** Events of this kind by this actor on this shader within the window: how many, and their dwell. */
export async function recentEvents(
  client: PoolClient,
  shaderId: string,
  kind: EngagementKind,
  actor: Actor,
  windowMinutes: number,
): Promise<{ count: number; dwellMs: number }> {
  const { rows } = await client.query<{ count: number; dwell_ms: number }>(
    `SELECT count(*)::int AS count, coalesce(sum(dwell_ms), 0)::bigint AS dwell_ms
     FROM engagement_events
     WHERE shader_id = $1 AND kind = $2::engagement_kind AND coalesce(user_id::text, session_id) = $3
       AND created_at > now() - make_interval(mins => $4)`,
    [shaderId, kind, actorKey(actor), windowMinutes],
  );
  return { count: rows[0]!.count, dwellMs: Number(rows[0]!.dwell_ms) };
}

export async function insertEvent(
  client: PoolClient,
  shaderId: string,
  kind: EngagementKind,
  actor: Actor,
  dwellMs: number | null,
): Promise<void> {
  await client.query(
    `INSERT INTO engagement_events (shader_id, user_id, session_id, kind, dwell_ms)
     VALUES ($1, $2, $3, $4::engagement_kind, $5)`,
    [shaderId, actor.userId, actor.sessionId, kind, dwellMs],
  );
}
