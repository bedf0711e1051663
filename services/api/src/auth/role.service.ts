import type { UserRole } from '@fractafrag/contracts';
import { conflict, forbidden, notFound } from '@fractafrag/core';
import { type Pool, withTransaction } from '@fractafrag/db';
import type { AuthContext } from './auth-context.ts';
import { isUuid } from './ids.ts';
import { countLoginAdmins, findRoleTarget, lockRoleChanges, setRole } from './user.repository.ts';

type RoleChangeOutcome =
  | { kind: 'changed'; user: { id: string; username: string; role: UserRole } }
  | { kind: 'not_admin' | 'not_found' | 'system' | 'last_admin' };

/**
 * Admins change roles. Role changes are serialised, so two admins demoting each other at once
 * cannot leave the instance without one. Like key management, it needs a real login.
 */
export async function changeUserRole(
  pool: Pool,
  auth: AuthContext,
  targetId: string,
  role: UserRole,
): Promise<{ id: string; username: string; role: UserRole }> {
  if (auth.role !== 'admin') throw forbidden('Only admins can change roles.');
  if (auth.apiKeyId)
    throw forbidden('Changing roles needs a real login, not an API key: use your access token.');
  if (!isUuid(targetId)) throw notFound('User');
  const outcome = await withTransaction(pool, async (client): Promise<RoleChangeOutcome> => {
    await lockRoleChanges(client);
    // The access token's role may be up to 15 minutes old: trust only the stored one here.
    const caller = await findRoleTarget(client, auth.userId);
    if (caller?.role !== 'admin') return { kind: 'not_admin' };
    const target = await findRoleTarget(client, targetId);
    if (!target) return { kind: 'not_found' };
    if (target.isSystem) return { kind: 'system' };
    if (target.role === 'admin' && role !== 'admin' && (await countLoginAdmins(client)) <= 1) {
      return { kind: 'last_admin' };
    }
    if (target.role !== role) await setRole(client, target.id, role);
    return { kind: 'changed', user: { id: target.id, username: target.username, role } };
  });
  switch (outcome.kind) {
    case 'changed':
      return outcome.user;
    case 'not_admin':
      throw forbidden('Only admins can change roles.');
    case 'not_found':
      throw notFound('User');
    case 'system':
      throw conflict('The system user’s role cannot be changed.');
    case 'last_admin':
      throw conflict('This is the last admin: make another user admin before demoting this one.');
  }
}
