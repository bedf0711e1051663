import type { Pass } from '@fractafrag/contracts';
import { withTransaction, type Pool, type PoolClient } from '@fractafrag/db';

export interface RenderTarget {
  passes: Pass[];
  common_code: string;
  code_hash: string;
  thumbnail_time: number;
  current_version: number;
}

export async function findRenderTarget(
  pool: Pool,
  shaderId: string,
  version: number,
): Promise<RenderTarget | null> {
  const { rows } = await pool.query<RenderTarget>(
    `SELECT v.passes, v.common_code, v.code_hash, s.thumbnail_time, s.current_version
     FROM shader_versions v JOIN shaders s ON s.id = v.shader_id
     WHERE v.shader_id = $1 AND v.version = $2 AND s.deleted_at IS NULL`,
    [shaderId, version],
  );
  return rows[0] ?? null;
}

/** Only the shader's current version may change its render state: an older job never overwrites. */
export async function markRendering(pool: Pool, shaderId: string, version: number): Promise<void> {
  await pool.query(
    `UPDATE shaders SET render_state = 'rendering', updated_at = now()
     WHERE id = $1 AND current_version = $2 AND render_state <> 'ready'`,
    [shaderId, version],
  );
}

export interface StoredArtifact {
  path: string;
  width: number;
  height: number;
  format: 'webp' | 'png';
  bytes: number;
  renderMs: number;
  isBlank: boolean;
}

export type ExtraArtifactKind = 'poster' | 'preview';

/** The shaders column of each extra artifact (a fixed map: never interpolate a caller's string). */
const EXTRA_PATH_COLUMN: Record<ExtraArtifactKind, string> = {
  poster: 'poster_path',
  preview: 'preview_path',
};

async function upsertRenderRow(
  client: PoolClient,
  shaderId: string,
  version: number,
  kind: 'thumbnail' | ExtraArtifactKind,
  artifact: StoredArtifact,
): Promise<void> {
  await client.query(
    `INSERT INTO renders (shader_id, version, kind, path, width, height, format, bytes, render_ms, is_blank)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (shader_id, version, kind) DO UPDATE SET path = EXCLUDED.path, width = EXCLUDED.width,
       height = EXCLUDED.height, format = EXCLUDED.format, bytes = EXCLUDED.bytes,
       render_ms = EXCLUDED.render_ms, is_blank = EXCLUDED.is_blank, created_at = now()`,
    [
      shaderId,
      version,
      kind,
      artifact.path,
      artifact.width,
      artifact.height,
      artifact.format,
      artifact.bytes,
      artifact.renderMs,
      artifact.isBlank,
    ],
  );
}

/**
 * Records the thumbnail and marks the shader ready. A poster or preview of an older version no
 * longer shows this code, so those paths are cleared until this version's own are recorded.
 */
export async function recordThumbnail(
  pool: Pool,
  shaderId: string,
  version: number,
  artifact: StoredArtifact,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    await upsertRenderRow(client, shaderId, version, 'thumbnail', artifact);
    await client.query(
      `UPDATE shaders SET render_state = 'ready', render_error = NULL, rendered_version = $2,
         thumbnail_path = $3,
         poster_path = CASE WHEN rendered_version = $2 THEN poster_path END,
         preview_path = CASE WHEN rendered_version = $2 THEN preview_path END,
         updated_at = now()
       WHERE id = $1 AND current_version = $2`,
      [shaderId, version, artifact.path],
    );
  });
}

/** Records a poster or preview; the shader's path changes only while this is still its current version. */
export async function recordExtraArtifact(
  pool: Pool,
  shaderId: string,
  version: number,
  kind: ExtraArtifactKind,
  artifact: StoredArtifact,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    await upsertRenderRow(client, shaderId, version, kind, artifact);
    await client.query(
      `UPDATE shaders SET ${EXTRA_PATH_COLUMN[kind]} = $3, updated_at = now()
       WHERE id = $1 AND current_version = $2`,
      [shaderId, version, artifact.path],
    );
  });
}

export async function recordRenderFailure(
  pool: Pool,
  shaderId: string,
  version: number,
  reason: string,
): Promise<void> {
  await pool.query(
    `UPDATE shaders SET render_state = 'failed', render_error = $3, updated_at = now()
     WHERE id = $1 AND current_version = $2`,
    [shaderId, version, reason.slice(0, 2000)],
  );
}

/** Shaders whose render should be pending: queued, or stuck in 'rendering' (a worker died mid-job). */
export async function findUnfinishedRenders(
  pool: Pool,
  stuckAfterSeconds: number,
  limit = 500,
): Promise<{ shader_id: string; version: number; code_hash: string }[]> {
  const { rows } = await pool.query<{ shader_id: string; version: number; code_hash: string }>(
    `SELECT s.id AS shader_id, s.current_version AS version, v.code_hash
     FROM shaders s JOIN shader_versions v ON v.shader_id = s.id AND v.version = s.current_version
     WHERE s.deleted_at IS NULL
       AND (s.render_state = 'queued'
            OR (s.render_state = 'rendering' AND s.updated_at < now() - make_interval(secs => $1)))
     ORDER BY s.updated_at
     LIMIT $2`,
    [stuckAfterSeconds, limit],
  );
  return rows;
}
