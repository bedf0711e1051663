import type { Pool } from '@fractafrag/db';
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
