import type { AuthResponse } from '@fractafrag/contracts';
import { unauthorized } from '@fractafrag/core';
import { type Pool, withTransaction } from '@fractafrag/db';
import type { Role } from './auth-context.ts';
import { generateRefreshToken, hashRefreshToken, looksLikeRefreshToken } from './refresh-token.ts';
import {
  findFamilyOfToken,
  findFamilyOfUsedToken,
  insertFamily,
  lockFamilyByCurrentHash,
  pruneEndedFamilies,
  revokeFamily,
  rotateFamily,
} from './refresh-token.repository.ts';
import { ACCESS_TOKEN_TTL_SECONDS, type TokenService } from './tokens.ts';

export interface SessionDeps {
  pool: Pool;
  tokens: TokenService;
  refreshTokenTtlDays: number;
}

export interface SessionUser {
  id: string;
  username: string;
  email: string;
  role: Role;
}

/** A login: the access token for the reply body and the refresh token for the HttpOnly cookie. */
export interface Session {
  auth: AuthResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

async function accessReply(tokens: TokenService, user: SessionUser): Promise<AuthResponse> {
  return {
    accessToken: await tokens.issueAccessToken({ userId: user.id, role: user.role }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, username: user.username, email: user.email, role: user.role },
  };
}

/** Starts a new refresh-token family for a user who just proved who they are. */
export async function startSession(deps: SessionDeps, user: SessionUser): Promise<Session> {
  await pruneEndedFamilies(deps.pool, user.id);
  const { token, hash } = generateRefreshToken();
  const family = await insertFamily(deps.pool, user.id, hash, deps.refreshTokenTtlDays);
  return {
    auth: await accessReply(deps.tokens, user),
    refreshToken: token,
    refreshExpiresAt: family.expiresAt,
  };
}

type RotationOutcome =
  | { kind: 'rotated'; user: SessionUser; token: string; expiresAt: Date }
  | { kind: 'ended' | 'reused' | 'unknown' };

/**
 * Exchanges the current refresh token of a family for a new one. The family row is locked, so of
 * two concurrent refreshes with the same token exactly one rotates; the other then presents a
 * rotated token, which is reuse: the whole family is revoked (a thief and the owner cannot both
 * keep a session alive).
 */
export async function refreshSession(deps: SessionDeps, presented: unknown): Promise<Session> {
  if (!looksLikeRefreshToken(presented)) {
    throw unauthorized('No valid refresh cookie was sent: log in again.');
  }
  const oldHash = hashRefreshToken(presented);
  // Errors are thrown only after the transaction commits: a reuse must stay revoked.
  const outcome = await withTransaction(deps.pool, async (client): Promise<RotationOutcome> => {
    const family = await lockFamilyByCurrentHash(client, oldHash);
    if (family) {
      if (family.ended) return { kind: 'ended' };
      const next = generateRefreshToken();
      const expiresAt = await rotateFamily(client, family.id, oldHash, next.hash, deps.refreshTokenTtlDays);
      const user = { id: family.userId, username: family.username, email: family.email, role: family.role };
      return { kind: 'rotated', user, token: next.token, expiresAt };
    }
    const reusedFamily = await findFamilyOfUsedToken(client, oldHash);
    if (!reusedFamily) return { kind: 'unknown' };
    await revokeFamily(client, reusedFamily);
    return { kind: 'reused' };
  });
  switch (outcome.kind) {
    case 'rotated':
      return {
        auth: await accessReply(deps.tokens, outcome.user),
        refreshToken: outcome.token,
        refreshExpiresAt: outcome.expiresAt,
      };
    case 'reused':
      throw unauthorized(
        'This refresh token was already used once, so the session was revoked for safety: log in again.',
      );
    case 'ended':
      throw unauthorized('The session has expired or was logged out: log in again.');
    case 'unknown':
      throw unauthorized('The refresh token is not recognised: log in again.');
  }
}

/** Logs out: revokes the family of the presented token (current or rotated). Idempotent. */
export async function endSession(deps: Pick<SessionDeps, 'pool'>, presented: unknown): Promise<void> {
  if (!looksLikeRefreshToken(presented)) return;
  const familyId = await findFamilyOfToken(deps.pool, hashRefreshToken(presented));
  if (familyId) await revokeFamily(deps.pool, familyId);
}
