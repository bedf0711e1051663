import { type Pool, withTransaction } from '@fractafrag/db';
import type { Role, Scope } from './auth-context.ts';

export interface ApiKeyPrincipal {
  keyId: string;
  userId: string;
  role: Role;
  scopes: Scope[];
}

/** Resolves an active key by hash and stamps last_used_at (at most once a minute per key). */
export async function findActiveApiKey(pool: Pool, keyHash: string): Promise<ApiKeyPrincipal | null> {
  const { rows } = await pool.query<ApiKeyPrincipal>(
    `UPDATE api_keys k SET last_used_at = CASE
         WHEN k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN now()
         ELSE k.last_used_at END
     FROM users u
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND u.id = k.user_id
     RETURNING k.id AS "keyId", k.user_id AS "userId", u.role, k.scopes`,
    [keyHash],
  );
  return rows[0] ?? null;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const KEY_COLUMNS = `id, name, prefix, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt"`;

/** Active keys first, then the most recently revoked; bounded (25 active at most, plus history). */
export async function listApiKeys(pool: Pool, userId: string, limit = 100): Promise<ApiKeyRow[]> {
  const { rows } = await pool.query<ApiKeyRow>(
    `SELECT ${KEY_COLUMNS} FROM api_keys WHERE user_id = $1
     ORDER BY revoked_at IS NOT NULL, coalesce(revoked_at, created_at) DESC, id
     LIMIT $2`,
    [userId, Math.min(Math.max(limit, 1), 100)],
  );
  return rows;
}

/**
 * Inserts a key unless the user already has `maxActive` unrevoked ones. The user's row is locked
 * (FOR NO KEY UPDATE, which does not block inserts that reference the user), so two concurrent
 * creations cannot both slip under the cap.
 */
export async function insertApiKeyCapped(
  pool: Pool,
  key: { userId: string; name: string; prefix: string; hash: string; scopes: Scope[] },
  maxActive: number,
): Promise<ApiKeyRow | 'limit_reached'> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [key.userId]);
    const { rows: counted } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL',
      [key.userId],
    );
    if (counted[0]!.n >= maxActive) return 'limit_reached';
    const { rows } = await client.query<ApiKeyRow>(
      `INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${KEY_COLUMNS}`,
      [key.userId, key.name, key.prefix, key.hash, key.scopes],
    );
    return rows[0]!;
  });
}

/** Revokes one of the user's keys (idempotent); false when the user has no key with that id. */
export async function revokeApiKey(pool: Pool, userId: string, keyId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2`,
    [keyId, userId],
  );
  return (rowCount ?? 0) > 0;
}
