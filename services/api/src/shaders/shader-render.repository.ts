import { QUEUES, type RenderJob } from '@fractafrag/contracts';
import type { Pool } from '@fractafrag/db';
import type { RenderQueue } from '../queue/render-queue.ts';

export interface RenderStateRow {
  id: string;
  author_id: string;
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'unlisted' | 'private';
  current_version: number;
  code_hash: string;
  render_state: 'queued' | 'rendering' | 'ready' | 'failed';
  render_error: string | null;
  rendered_version: number | null;
  thumbnail_path: string | null;
  thumbnail_time: number;
}

export async function findRenderState(pool: Pool, id: string): Promise<RenderStateRow | null> {
  const { rows } = await pool.query<RenderStateRow>(
    `SELECT s.id, s.author_id, s.status, s.visibility, s.current_version, v.code_hash, s.render_state,
            s.render_error, s.rendered_version, s.thumbnail_path, s.thumbnail_time
     FROM shaders s JOIN shader_versions v ON v.shader_id = s.id AND v.version = s.current_version
     WHERE s.id = $1 AND s.deleted_at IS NULL`,
    [id],
  );
  return rows[0] ?? null;
}

export interface RenderArtifactRow {
  kind: 'thumbnail' | 'preview' | 'poster';
  path: string;
  width: number;
  height: number;
  format: string;
  bytes: number;
  render_ms: number;
  is_blank: boolean;
  created_at: Date;
}

export async function listRenders(
  pool: Pool,
  shaderId: string,
  version: number,
): Promise<RenderArtifactRow[]> {
  const { rows } = await pool.query<RenderArtifactRow>(
    `SELECT kind, path, width, height, format, bytes, render_ms, is_blank, created_at
     FROM renders WHERE shader_id = $1 AND version = $2
     ORDER BY kind
     LIMIT 10`,
    [shaderId, version],
  );
  return rows;
}

/**
 * Adds the render job, replacing a finished (completed or failed) job of the same id: job ids are
 * deterministic, so without this a re-render of an unchanged version would be absorbed by the old
 * job. A waiting or active job is left alone; it already renders this version.
 */
export async function requeueRenderJob(renderQueue: RenderQueue, job: RenderJob): Promise<void> {
  const spec = QUEUES.render;
  const existing = await renderQueue.queue.getJob(spec.jobId(spec.payload.parse(job)));
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed') return;
    await existing.remove();
  }
  await renderQueue.enqueue(job);
}
