import { forbidden, notFound } from '@fractafrag/core';
import { isModerator, type AuthContext } from '../auth/auth-context.ts';

/** The columns every visibility decision needs. */
export interface AccessRow {
  author_id: string;
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'unlisted' | 'private';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id can name no shader: 404 before any query. */
export function assertShaderId(id: string): void {
  if (!UUID.test(id)) throw notFound('Shader');
}

/**
 * Drafts and private shaders are their author's alone; everything else (public or unlisted,
 * published or archived) is readable by anyone who has the link. Listing is the search module's
 * business: unlisted shaders are never listed.
 */
export function canView(row: AccessRow, viewerId: string | undefined): boolean {
  if (row.author_id === viewerId) return true;
  return row.status !== 'draft' && row.visibility !== 'private';
}

/** Forking needs a published public/unlisted shader, or one's own. */
export function canFork(row: AccessRow, viewerId: string | undefined): boolean {
  if (row.author_id === viewerId) return true;
  return row.status === 'published' && row.visibility !== 'private';
}

/**
 * 404 when the shader does not exist or the caller may not see it (never reveal it exists).
 * The viewer is a user id or an auth context (undefined: anonymous).
 */
export function assertVisible<R extends AccessRow>(
  row: R | null,
  viewer: string | AuthContext | undefined,
): R {
  const viewerId = typeof viewer === 'string' ? viewer : viewer?.userId;
  if (!row || !canView(row, viewerId)) throw notFound('Shader');
  return row;
}

/** Owner-only actions: 404 for those who cannot see the shader, 403 for those who can. */
export function assertOwner<R extends AccessRow>(
  row: R | null,
  auth: AuthContext | undefined,
  action: string,
): R {
  const visible = assertVisible(row, auth);
  if (visible.author_id !== auth?.userId) throw forbidden(`Only the shader's author can ${action}.`);
  return visible;
}

/** Moderators may act on any shader (they moderate what they cannot otherwise see). */
export function assertOwnerOrModerator<R extends AccessRow>(
  row: R | null,
  auth: AuthContext | undefined,
  action: string,
): R {
  if (row && isModerator(auth)) return row;
  const visible = assertVisible(row, auth);
  if (visible.author_id !== auth?.userId) {
    throw forbidden(`Only the shader's author or a moderator can ${action}.`);
  }
  return visible;
}
