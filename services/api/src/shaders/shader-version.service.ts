import type {
  ForkBody,
  Page,
  ShaderDetail,
  ShaderSource,
  ShaderVersionDetail,
  ShaderVersionSummary,
} from '@fractafrag/contracts';
import { badRequest, forbidden, notFound } from '@fractafrag/core';
import { withTransaction } from '@fractafrag/db';
import type { AuthContext } from '../auth/auth-context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { codeHash } from './code-hash.ts';
import { assertShaderId, assertVisible, canFork } from './shader-access.ts';
import { findEditableShader } from './shader-edit.repository.ts';
import { findVersion, insertFork, listVersions } from './shader-version.repository.ts';
import { toVersionDetail, toVersionSummary } from './shader.mapper.ts';
import { getShader, scheduleRender, type ShaderDeps } from './shader.service.ts';

async function visibleShader(deps: ShaderDeps, id: string, viewerId: string | undefined) {
  assertShaderId(id);
  return assertVisible(await findEditableShader(deps.pool, id), viewerId);
}

/** Every version of a shader the caller can see, newest first, with change notes and hashes. */
export async function listShaderVersions(
  deps: ShaderDeps,
  id: string,
  viewerId: string | undefined,
  query: { limit: number; cursor?: string },
): Promise<Page<ShaderVersionSummary>> {
  const shader = await visibleShader(deps, id, viewerId);
  let before: number | undefined;
  if (query.cursor) {
    const { sortKey, id: cursorShader } = decodeCursor(query.cursor);
    // Versions are int4: a larger key would fail the query instead of ending the list.
    if (
      typeof sortKey !== 'number' ||
      !Number.isInteger(sortKey) ||
      Math.abs(sortKey) >= 2 ** 31 ||
      cursorShader !== id
    ) {
      throw badRequest('The cursor is invalid: pass back the nextCursor of a previous page of this shader.');
    }
    before = sortKey;
  }
  const rows = await listVersions(deps.pool, id, query.limit, before);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toVersionSummary(r, shader.current_version)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.version, id) : null,
  };
}

export async function getShaderVersion(
  deps: ShaderDeps,
  id: string,
  version: number,
  viewerId: string | undefined,
): Promise<ShaderVersionDetail> {
  const shader = await visibleShader(deps, id, viewerId);
  const row = await findVersion(deps.pool, id, version);
  if (!row) throw notFound(`Version ${version} of this shader`);
  return toVersionDetail(row, shader.current_version);
}

/**
 * A new draft owned by the caller with the source of the chosen version (current by default),
 * recording where it came from. Others may fork only published public/unlisted shaders.
 */
export async function forkShader(
  deps: ShaderDeps,
  id: string,
  auth: AuthContext,
  body: ForkBody,
  requestId?: string,
): Promise<ShaderDetail> {
  const original = await visibleShader(deps, id, auth.userId);
  if (!canFork(original, auth.userId)) {
    throw forbidden(`Only published shaders can be forked; this one is ${original.status}.`);
  }
  const version = body.version ?? original.current_version;
  const from = await findVersion(deps.pool, id, version);
  if (!from) throw notFound(`Version ${version} of this shader`);
  const source: ShaderSource = { common: from.common_code, passes: from.passes };
  const hash = codeHash(source);
  const forkId = await withTransaction(deps.pool, (client) =>
    insertFork(client, {
      authorId: auth.userId,
      title: body.title ?? `Fork of ${original.title}`.slice(0, 120),
      description: body.description ?? original.description,
      tags: body.tags ?? original.tags,
      type: original.type,
      visibility: body.visibility ?? original.visibility,
      thumbnailTime: original.thumbnail_time,
      from: { shaderId: id, version },
      passes: from.passes,
      commonCode: from.common_code,
      codeHash: hash,
      changeNote: `Forked from "${original.title}" v${version}`.slice(0, 500),
    }),
  );
  await scheduleRender(deps, { shaderId: forkId, version: 1, codeHash: hash, requestId });
  deps.logger.info({ shader_id: forkId, forked_from: id, version, by: auth.userId }, 'shader forked');
  return getShader(deps, forkId, auth.userId);
}
