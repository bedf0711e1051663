import type { Me, UpdateMeBody } from '@fractafrag/contracts';
import { conflict, forbidden, notFound } from '@fractafrag/core';
import type { AuthContext } from './auth-context.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { revokeUserFamilies } from './refresh-token.repository.ts';
import { type Session, type SessionDeps, startSession } from './session.service.ts';
import {
  findProfileById,
  findUserById,
  type ProfileChanges,
  type ProfileRow,
  updateProfile,
} from './user.repository.ts';

const toMe = (row: ProfileRow): Me => ({ ...row, createdAt: row.createdAt.toISOString() });

export async function getMe(deps: Pick<SessionDeps, 'pool'>, userId: string): Promise<Me> {
  const row = await findProfileById(deps.pool, userId);
  if (!row) throw notFound('User');
  return toMe(row);
}

/**
 * Updates the caller's profile. Email and password changes need the current password; a new
 * password ends every session (refresh family) of the user, and a browser caller (access token,
 * not an API key) gets a fresh session so it stays logged in.
 */
export async function updateMe(
  deps: SessionDeps,
  auth: AuthContext,
  body: UpdateMeBody,
): Promise<{ me: Me; session?: Session }> {
  const changes: ProfileChanges = {
    displayName: body.displayName,
    bio: body.bio,
    avatarUrl: body.avatarUrl,
    websiteUrl: body.websiteUrl,
    email: body.email,
  };
  if (body.email !== undefined || body.newPassword !== undefined) {
    const user = await findUserById(deps.pool, auth.userId);
    if (!user) throw notFound('User');
    if (!user.password_hash || !(await verifyPassword(user.password_hash, body.currentPassword ?? ''))) {
      throw forbidden('currentPassword is wrong: send your current password to change email or password.');
    }
    if (body.newPassword !== undefined) changes.passwordHash = await hashPassword(body.newPassword);
  }
  const updated = await updateProfile(deps.pool, auth.userId, changes);
  if (updated === 'email_taken') throw conflict('That email is already registered to another account.');
  if (!updated) throw notFound('User');
  if (body.newPassword === undefined) return { me: toMe(updated) };
  await revokeUserFamilies(deps.pool, auth.userId);
  const session = auth.apiKeyId ? undefined : await startSession(deps, updated);
  return { me: toMe(updated), session };
}
