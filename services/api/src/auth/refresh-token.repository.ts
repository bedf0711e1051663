import type { Pool, PoolClient } from '@fractafrag/db';
import type { Role } from './auth-context.ts';

type Queryable = Pool | PoolClient;

export interface LockedFamily {
  id: string;
  userId: string;
  username: string;
  email: string;
  role: Role;
  ended: boolean;
}

/** Starts a family whose only valid token has `hash`; it lives `ttlDays` past its last use. */
export async function insertFamily(
  db: Queryable,
  userId: string,
  hash: string,
  ttlDays: number,
): Promise<{ id: string; expiresAt: Date }> {
  const { rows } = await db.query<{ id: string; expiresAt: Date }>(
    `INSERT INTO refresh_token_families (user_id, current_hash, expires_at)
     VALUES ($1, $2, now() + make_interval(days => $3))
     RETURNING id, expires_at AS "expiresAt"`,
    [userId, hash, ttlDays],
  );
  return rows[0]!;
}

/** Families that ended more than a day ago only take space: a token of one is refused either way. */
export async function pruneEndedFamilies(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `DELETE FROM refresh_token_families
     WHERE user_id = $1 AND (expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day')`,
    [userId],
  );
}

/**
 * Locks the family whose current token has `hash` (inside a transaction). A concurrent rotation of
 * the same token waits here, then finds no row, because the winner has replaced current_hash.
 */
export async function lockFamilyByCurrentHash(
  client: PoolClient,
  hash: string,
): Promise<LockedFamily | null> {
  const { rows } = await client.query<LockedFamily>(
    `SELECT f.id, f.user_id AS "userId", u.username::text AS username, u.email::text AS email, u.role,
            (f.revoked_at IS NOT NULL OR f.expires_at <= now()) AS ended
     FROM refresh_token_families f JOIN users u ON u.id = f.user_id
     WHERE f.current_hash = $1
     FOR UPDATE OF f`,
    [hash],
  );
  return rows[0] ?? null;
}

/** Replaces the family's token and remembers the old one, so presenting it again is detected. */
export async function rotateFamily(
  client: PoolClient,
  familyId: string,
  oldHash: string,
  newHash: string,
  ttlDays: number,
): Promise<Date> {
  const { rows } = await client.query<{ expiresAt: Date }>(
    `UPDATE refresh_token_families
     SET current_hash = $2, rotated_at = now(), expires_at = now() + make_interval(days => $3)
     WHERE id = $1 RETURNING expires_at AS "expiresAt"`,
    [familyId, newHash, ttlDays],
  );
  await client.query(
    `INSERT INTO refresh_tokens_used (token_hash, family_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [oldHash, familyId],
  );
  return rows[0]!.expiresAt;
}

export async function findFamilyOfUsedToken(db: Queryable, hash: string): Promise<string | null> {
  const { rows } = await db.query<{ familyId: string }>(
    `SELECT family_id AS "familyId" FROM refresh_tokens_used WHERE token_hash = $1`,
    [hash],
  );
  return rows[0]?.familyId ?? null;
}

export async function revokeFamily(db: Queryable, familyId: string): Promise<void> {
  await db.query(
    `UPDATE refresh_token_families SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
    [familyId],
  );
}

/** The family a token belongs to, whether it is the current token or an already rotated one. */
export async function findFamilyOfToken(db: Queryable, hash: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM refresh_token_families WHERE current_hash = $1
     UNION ALL
     SELECT family_id FROM refresh_tokens_used WHERE token_hash = $1
     LIMIT 1`,
    [hash],
  );
  return rows[0]?.id ?? null;
}

/** Ends every session of a user (after a password change). */
export async function revokeUserFamilies(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `UPDATE refresh_token_families SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId],
  );
}
