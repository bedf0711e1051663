import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from '@fractafrag/db';
import type { Redis } from 'ioredis';

/** The stored role: an access token's role may be up to 15 minutes old. */
export async function findUserRole(pool: Pool, userId: string): Promise<string | null> {
  const { rows } = await pool.query<{ role: string }>('SELECT role::text AS role FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0]?.role ?? null;
}

/**
 * Dashboard credentials live in Redis (shared by every API replica), stored under the sha256 of
 * the secret: a one-time link token, and the session a redeemed link opens.
 */
const LINK_KEY = 'fracta:dashboard:link:';
const SESSION_KEY = 'fracta:dashboard:session:';
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function storeDashboardSecret(
  redis: Redis,
  kind: 'link' | 'session',
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await redis.set(`${kind === 'link' ? LINK_KEY : SESSION_KEY}${digest(secret)}`, userId, 'EX', ttlSeconds);
  return secret;
}

/** The link's user, deleting the link (a link works once); null if unknown, used or expired. */
export async function redeemDashboardLink(redis: Redis, secret: string): Promise<string | null> {
  return redis.getdel(`${LINK_KEY}${digest(secret)}`);
}

export async function findDashboardSession(redis: Redis, secret: string): Promise<string | null> {
  return redis.get(`${SESSION_KEY}${digest(secret)}`);
}
