import { createHash, randomBytes } from 'node:crypto';

/** The HttpOnly cookie that carries the opaque refresh token; only its sha256 is stored. */
export const REFRESH_COOKIE = 'fracta_refresh';
/** Sent only to the auth routes (refresh, logout), never to the rest of the API. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url: unguessable, so a plain sha256 (no salt, no KDF) is enough to store. */
export function generateRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Cheap shape check before touching the database with whatever a cookie holds. */
export const looksLikeRefreshToken = (value: unknown): value is string =>
  typeof value === 'string' && TOKEN_SHAPE.test(value);
