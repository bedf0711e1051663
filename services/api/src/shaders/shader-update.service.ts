import type {
  RenderJob,
  ShaderDetail,
  ShaderSource,
  ShaderVersionDetail,
  UpdateShaderBody,
} from '@fractafrag/contracts';
import { conflict, notFound } from '@fractafrag/core';
import { withTransaction } from '@fractafrag/db';
import type { AuthContext } from '../auth/auth-context.ts';
import { codeHash } from './code-hash.ts';
import { assertOwner, assertShaderId } from './shader-access.ts';
import {
  appendVersion,
  lockEditableShader,
  markRenderQueued,
  updateMetadata,
  type EditableShaderRow,
} from './shader-edit.repository.ts';
import { requeueRenderJob } from './shader-render.repository.ts';
import { findVersion } from './shader-version.repository.ts';
import { getShader, scheduleRender, type ShaderDeps } from './shader.service.ts';
import { toVersionDetail } from './shader.mapper.ts';

/** The hash is recomputed from the stored source, so rows hashed another way still compare equal. */
const currentHash = (row: EditableShaderRow): string =>
  codeHash({ common: row.common_code, passes: row.passes });

/**
 * Metadata and/or a new source. A source that differs from the current one (by code hash) becomes
 * version current+1 and queues its render; an identical source makes no version. A new thumbnail
 * time alone re-renders the current version.
 */
export async function updateShader(
  deps: ShaderDeps,
  id: string,
  auth: AuthContext,
  body: UpdateShaderBody,
  requestId?: string,
): Promise<ShaderDetail> {
  assertShaderId(id);
  const { source, changeNote, ...metadata } = body;
  const render = await withTransaction(deps.pool, async (client) => {
    const row = assertOwner(await lockEditableShader(client, id), auth, 'edit it');
    await updateMetadata(client, id, metadata);
    if (source) {
      const hash = codeHash(source);
      if (hash !== currentHash(row)) {
        const version = row.current_version + 1;
        await appendVersion(client, {
          shaderId: id,
          version,
          source,
          changeNote: changeNote ?? '',
          authorId: auth.userId,
          codeHash: hash,
        });
        return { job: { shaderId: id, version, codeHash: hash, requestId }, replace: false };
      }
    }
    if (metadata.thumbnailTime !== undefined && metadata.thumbnailTime !== row.thumbnail_time) {
      await markRenderQueued(client, id);
      const job: RenderJob = {
        shaderId: id,
        version: row.current_version,
        codeHash: row.code_hash,
        requestId,
      };
      return { job, replace: true };
    }
    return undefined;
  });
  if (render) {
    await scheduleRender(
      deps,
      render.job,
      render.replace ? (job) => requeueRenderJob(deps.renderQueue, job) : undefined,
    );
  }
  return getShader(deps, id, auth.userId);
}

/** Makes a new version whose source equals version `version`; 409 if that is already the current source. */
export async function restoreVersion(
  deps: ShaderDeps,
  id: string,
  version: number,
  auth: AuthContext,
  changeNote: string | undefined,
  requestId?: string,
): Promise<ShaderVersionDetail> {
  assertShaderId(id);
  const created = await withTransaction(deps.pool, async (client) => {
    const row = assertOwner(await lockEditableShader(client, id), auth, 'restore a version');
    const old = await findVersion(client, id, version);
    if (!old) throw notFound(`Version ${version} of this shader`);
    const source: ShaderSource = { common: old.common_code, passes: old.passes };
    const hash = codeHash(source);
    if (hash === currentHash(row)) {
      throw conflict(
        `Version ${version} has the same source as the current version ${row.current_version}; nothing to restore.`,
        { version, currentVersion: row.current_version },
      );
    }
    const next = row.current_version + 1;
    await appendVersion(client, {
      shaderId: id,
      version: next,
      source,
      changeNote: changeNote || `Restored from v${version}`,
      authorId: auth.userId,
      codeHash: hash,
    });
    return { version: next, hash };
  });
  await scheduleRender(deps, { shaderId: id, version: created.version, codeHash: created.hash, requestId });
  const row = await findVersion(deps.pool, id, created.version);
  return toVersionDetail(row!, created.version);
}
