import type { CreateShaderBody, Page, ShaderDetail, ShaderSummary } from '@fractafrag/contracts';
import { notFound, type Logger } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { RenderQueue } from '../queue/render-queue.ts';
import { codeHash } from './code-hash.ts';
import { toShaderDetail, toShaderSummary } from './shader.mapper.ts';
import { findShaderWithSource, insertShader, listNewShaders } from './shader.repository.ts';

export interface ShaderDeps {
  pool: Pool;
  renderQueue: RenderQueue;
  rendersPublicPath: string;
  logger: Logger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stores the shader and its first version, then enqueues the render. The row is committed first
 * (render_state 'queued'); if Redis is unreachable the worker's reconciler enqueues it later, so an
 * accepted shader is never lost.
 */
export async function createShader(
  deps: ShaderDeps,
  authorId: string,
  body: CreateShaderBody,
  requestId?: string,
): Promise<ShaderDetail> {
  const hash = codeHash(body.source);
  const id = await withTransaction(deps.pool, (client) => insertShader(client, authorId, body, hash));
  try {
    await deps.renderQueue.enqueue({ shaderId: id, version: 1, codeHash: hash, requestId });
  } catch (err) {
    deps.logger.warn({ err, shader_id: id }, 'render enqueue failed; the reconciler will retry');
  }
  return getShader(deps, id, authorId);
}

/** Drafts and private shaders are visible to their author only; others get 404, not 403. */
export async function getShader(deps: ShaderDeps, id: string, viewerId?: string): Promise<ShaderDetail> {
  if (!UUID.test(id)) throw notFound('Shader');
  const row = await findShaderWithSource(deps.pool, id);
  const ownerOnly = row && (row.status === 'draft' || row.visibility === 'private');
  if (!row || (ownerOnly && row.author_id !== viewerId)) throw notFound('Shader');
  return toShaderDetail(row, deps.rendersPublicPath);
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
