import type { Comment, CreateCommentBody, Page } from '@fractafrag/contracts';
import { badRequest, conflict, forbidden, notFound, validationFailed } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import { isModerator, type AuthContext } from '../auth/auth-context.ts';
import { findShaderAccess } from '../feed/shader-state.repository.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { isIsoTimestamp } from '../search/list-cursor.ts';
import { assertShaderId, assertVisible, canView } from '../shaders/shader-access.ts';
import {
  adjustCommentCount,
  findComment,
  insertComment,
  listComments,
  lockComment,
  softDeleteComment,
  type CommentRow,
} from './comment.repository.ts';

export interface CommentDeps {
  pool: Pool;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toComment(row: CommentRow): Comment {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    shaderId: row.shader_id,
    parentId: row.parent_id,
    author: deleted ? null : { id: row.author_id, username: row.author_username },
    body: deleted ? null : row.body,
    deleted,
    createdAt: row.created_at.toISOString(),
  };
}

/** Oldest first. Comments of a shader the caller cannot see are a 404, like the shader. */
export async function listShaderComments(
  deps: CommentDeps,
  shaderId: string,
  auth: AuthContext | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<Comment>> {
  assertShaderId(shaderId);
  assertVisible(await findShaderAccess(deps.pool, shaderId), auth);
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (after && (!isIsoTimestamp(after.sortKey) || !UUID.test(after.id))) {
    throw badRequest('The cursor is invalid: pass back the nextCursor of a previous page unchanged.');
  }
  const rows = await listComments(
    deps.pool,
    shaderId,
    limit,
    after ? { createdAt: String(after.sortKey), id: after.id } : undefined,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toComment),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_key, last.id) : null,
  };
}

/** Comments go on published shaders the caller can see; a reply's parent must be a live comment on the same shader. */
export async function addComment(
  deps: CommentDeps,
  shaderId: string,
  auth: AuthContext,
  body: CreateCommentBody,
): Promise<Comment> {
  assertShaderId(shaderId);
  return withTransaction(deps.pool, async (client) => {
    const shader = assertVisible(await findShaderAccess(client, shaderId), auth);
    if (shader.status !== 'published') {
      throw conflict(`Only published shaders take comments; this one is ${shader.status}.`);
    }
    if (body.parentId) {
      const parent = await findComment(client, body.parentId);
      if (!parent || parent.shader_id !== shaderId || parent.deleted_at) {
        throw validationFailed('parentId must name a live comment on this shader.', [
          { path: 'parentId', message: 'no such comment on this shader' },
        ]);
      }
    }
    const id = await insertComment(client, {
      shaderId,
      authorId: auth.userId,
      body: body.body,
      parentId: body.parentId ?? null,
    });
    await adjustCommentCount(client, shaderId, 1);
    return toComment((await findComment(client, id))!);
  });
}

/** Soft delete by the comment's author or a moderator; replies stay, under a placeholder. */
export async function deleteComment(deps: CommentDeps, commentId: string, auth: AuthContext): Promise<void> {
  if (!UUID.test(commentId)) throw notFound('Comment');
  await withTransaction(deps.pool, async (client) => {
    const comment = await lockComment(client, commentId);
    if (!comment || comment.deleted_at) throw notFound('Comment');
    const shader = await findShaderAccess(client, comment.shader_id);
    const moderator = isModerator(auth);
    if (!moderator && (!shader || !canView(shader, auth.userId))) throw notFound('Comment');
    if (!moderator && comment.author_id !== auth.userId) {
      throw forbidden("Only the comment's author or a moderator can delete it.");
    }
    await softDeleteComment(client, commentId);
    await adjustCommentCount(client, comment.shader_id, -1);
  });
}
