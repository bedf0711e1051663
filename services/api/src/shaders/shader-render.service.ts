import type { RenderStatus, ShaderSource, ValidateResponse } from '@fractafrag/contracts';
import type { AuthContext } from '../auth/auth-context.ts';
import { validateWithRenderer } from './renderer.client.ts';
import { assertOwnerOrModerator, assertShaderId, assertVisible } from './shader-access.ts';
import { markRenderQueued } from './shader-edit.repository.ts';
import { findRenderState, listRenders, requeueRenderJob } from './shader-render.repository.ts';
import { scheduleRender, type ShaderDeps } from './shader.service.ts';

const publicUrl = (deps: ShaderDeps, path: string | null) =>
  path ? `${deps.rendersPublicPath}/${path}` : null;

/** Render state of the current version and the artifacts already rendered for it. */
export async function getRenderStatus(
  deps: ShaderDeps,
  id: string,
  viewerId: string | undefined,
): Promise<RenderStatus> {
  assertShaderId(id);
  const row = assertVisible(await findRenderState(deps.pool, id), viewerId);
  const renders = await listRenders(deps.pool, id, row.current_version);
  return {
    shaderId: row.id,
    state: row.render_state,
    error: row.render_error,
    thumbnailUrl: publicUrl(deps, row.thumbnail_path),
    renderedVersion: row.rendered_version,
    currentVersion: row.current_version,
    thumbnailTime: row.thumbnail_time,
    renders: renders.map((r) => ({
      kind: r.kind,
      url: publicUrl(deps, r.path)!,
      width: r.width,
      height: r.height,
      format: r.format,
      bytes: r.bytes,
      renderMs: r.render_ms,
      isBlank: r.is_blank,
      createdAt: r.created_at.toISOString(),
    })),
  };
}

/**
 * Queues the current version again (author or moderator), replacing a finished job of the same id.
 * The state is 'queued' first, so a lost enqueue is picked up by the worker's reconciler.
 */
export async function rerender(
  deps: ShaderDeps,
  id: string,
  auth: AuthContext,
  requestId?: string,
): Promise<{ shaderId: string; version: number; state: 'queued' }> {
  assertShaderId(id);
  const row = assertOwnerOrModerator(await findRenderState(deps.pool, id), auth, 're-render it');
  await markRenderQueued(deps.pool, id);
  await scheduleRender(
    deps,
    { shaderId: id, version: row.current_version, codeHash: row.code_hash, requestId },
    (job) => requeueRenderJob(deps.renderQueue, job),
  );
  deps.logger.info({ shader_id: id, version: row.current_version, by: auth.userId }, 'render re-queued');
  return { shaderId: id, version: row.current_version, state: 'queued' };
}

/** Compile only, on the real renderer: the same compiler and line mapping as thumbnails. */
export function validateSource(rendererUrl: string, source: ShaderSource): Promise<ValidateResponse> {
  return validateWithRenderer(rendererUrl, source);
}
