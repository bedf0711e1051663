import {
  STATUS_TRANSITIONS,
  type CreateShaderBody,
  type Page,
  type RenderJob,
  type ShaderDetail,
  type ShaderSummary,
} from '@fractafrag/contracts';
import { badRequest, conflict, notFound, type Logger } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import type { AuthContext } from '../auth/auth-context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { RenderQueue } from '../queue/render-queue.ts';
import { codeHash } from './code-hash.ts';
import { assertOwner, assertOwnerOrModerator, assertShaderId, assertVisible } from './shader-access.ts';
import {
  findEditableShader,
  lockEditableShader,
  softDeleteShader,
  updateStatus,
} from './shader-edit.repository.ts';
import { toShaderDetail, toShaderSummary } from './shader.mapper.ts';
import {
  findShaderWithSource,
  insertShader,
  listAuthorShaders,
  listNewShaders,
} from './shader.repository.ts';

export interface ShaderDeps {
  pool: Pool;
  renderQueue: RenderQueue;
  rendersPublicPath: string;
  logger: Logger;
}

/**
 * Enqueues a render after its row is committed (render_state 'queued'). If Redis is unreachable the
 * worker's reconciler enqueues it later, so an accepted change is never lost.
 */
export async function scheduleRender(
  deps: ShaderDeps,
  job: RenderJob,
  add: (job: RenderJob) => Promise<void> = (j) => deps.renderQueue.enqueue(j),
): Promise<void> {
  try {
    await add(job);
  } catch (err) {
    deps.logger.warn({ err, shader_id: job.shaderId }, 'render enqueue failed; the reconciler will retry');
  }
}

/** Stores the shader and its first version, then enqueues the render. */
export async function createShader(
  deps: ShaderDeps,
  authorId: string,
  body: CreateShaderBody,
  requestId?: string,
  changeNote?: string,
): Promise<ShaderDetail> {
  const hash = codeHash(body.source);
  const id = await withTransaction(deps.pool, (client) =>
    insertShader(client, authorId, body, hash, changeNote),
  );
  await scheduleRender(deps, { shaderId: id, version: 1, codeHash: hash, requestId });
  return getShader(deps, id, authorId);
}

/** Drafts and private shaders are visible to their author only; others get 404, not 403. */
export async function getShader(deps: ShaderDeps, id: string, viewerId?: string): Promise<ShaderDetail> {
  assertShaderId(id);
  const row = await findShaderWithSource(deps.pool, id);
  return toShaderDetail(assertVisible(row, viewerId), deps.rendersPublicPath);
}

export async function newestShaders(
  deps: ShaderDeps,
  limit: number,
  cursor?: string,
): Promise<Page<ShaderSummary>> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await listNewShaders(
    deps.pool,
    limit,
    after ? { publishedAt: String(after.sortKey), id: after.id } : undefined,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toShaderSummary(r, deps.rendersPublicPath)),
    nextCursor:
      rows.length > limit && last?.published_at
        ? encodeCursor(last.published_at.toISOString(), last.id)
        : null,
  };
}

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's own shaders (all visibilities), newest first, optionally of one status. */
export async function listMyShaders(
  deps: ShaderDeps,
  authorId: string,
  query: { status?: ShaderSummary['status']; limit: number; cursor?: string },
): Promise<Page<ShaderSummary>> {
  let after: { createdAt: string; id: string } | undefined;
  if (query.cursor) {
    const { sortKey, id } = decodeCursor(query.cursor);
    if (typeof sortKey !== 'string' || !TIMESTAMP_KEY.test(sortKey) || !UUID_KEY.test(id)) {
      throw badRequest('The cursor is invalid: pass back the nextCursor of a previous page unchanged.');
    }
    after = { createdAt: sortKey, id };
  }
  const rows = await listAuthorShaders(deps.pool, authorId, query.status, query.limit, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toShaderSummary(r, deps.rendersPublicPath)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursor_key, last.id) : null,
  };
}

/** draft → published → archived → published; 409 lists what is allowed from the current status. */
export async function changeStatus(
  deps: ShaderDeps,
  id: string,
  auth: AuthContext,
  status: ShaderSummary['status'],
): Promise<ShaderDetail> {
  assertShaderId(id);
  await withTransaction(deps.pool, async (client) => {
    const row = assertOwner(await lockEditableShader(client, id), auth, 'change its status');
    const allowed = STATUS_TRANSITIONS[row.status];
    if (!allowed.includes(status)) {
      throw conflict(
        `A ${row.status} shader cannot become ${status}; from ${row.status} it can become: ${allowed.join(', ')}.`,
        { from: row.status, to: status, allowed },
      );
    }
    await updateStatus(client, id, status);
  });
  return getShader(deps, id, auth.userId);
}

/** Soft delete by the author or a moderator; the shader is then 404 everywhere. */
export async function deleteShader(deps: ShaderDeps, id: string, auth: AuthContext): Promise<void> {
  assertShaderId(id);
  const row = assertOwnerOrModerator(await findEditableShader(deps.pool, id), auth, 'delete it');
  if (!(await softDeleteShader(deps.pool, row.id))) throw notFound('Shader');
  deps.logger.info({ shader_id: id, by: auth.userId }, 'shader deleted');
}
