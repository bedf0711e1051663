import type { Pass, ShaderSource } from '@fractafrag/contracts';
import type { Pool, PoolClient } from '@fractafrag/db';
import type { AccessRow } from './shader-access.ts';

type Queryable = Pool | PoolClient;

/** A shader row with its current version's source, as an edit needs it. */
export interface EditableShaderRow extends AccessRow {
  id: string;
  title: string;
  description: string;
  tags: string[];
  type: '2d' | '3d' | 'audio-reactive';
  current_version: number;
  thumbnail_time: number;
  passes: Pass[];
  common_code: string;
  code_hash: string;
}

const SELECT_EDITABLE = `
  SELECT s.id, s.author_id, s.title, s.description, s.tags, s.type, s.status, s.visibility,
         s.current_version, s.thumbnail_time,
         v.passes, v.common_code, v.code_hash
  FROM shaders s JOIN shader_versions v ON v.shader_id = s.id AND v.version = s.current_version
  WHERE s.id = $1 AND s.deleted_at IS NULL`;

export async function findEditableShader(db: Queryable, id: string): Promise<EditableShaderRow | null> {
  const { rows } = await db.query<EditableShaderRow>(SELECT_EDITABLE, [id]);
  return rows[0] ?? null;
}

/** The same, locked until the transaction ends, so two edits cannot claim the same version number. */
export async function lockEditableShader(client: PoolClient, id: string): Promise<EditableShaderRow | null> {
  const { rows } = await client.query<EditableShaderRow>(`${SELECT_EDITABLE} FOR UPDATE OF s`, [id]);
  return rows[0] ?? null;
}

export interface MetadataChange {
  title?: string;
  description?: string;
  tags?: string[];
  type?: '2d' | '3d' | 'audio-reactive';
  visibility?: 'public' | 'unlisted' | 'private';
  thumbnailTime?: number;
}

/** Changes only the fields given (none of them is nullable, so NULL means "keep"). */
export async function updateMetadata(client: PoolClient, id: string, change: MetadataChange): Promise<void> {
  await client.query(
    `UPDATE shaders SET
       title = COALESCE($2, title),
       description = COALESCE($3, description),
       tags = COALESCE($4::text[], tags),
       type = COALESCE($5::shader_type, type),
       visibility = COALESCE($6::shader_visibility, visibility),
       thumbnail_time = COALESCE($7::real, thumbnail_time),
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      change.title ?? null,
      change.description ?? null,
      change.tags ?? null,
      change.type ?? null,
      change.visibility ?? null,
      change.thumbnailTime ?? null,
    ],
  );
}

export interface NewVersion {
  shaderId: string;
  version: number;
  source: ShaderSource;
  changeNote: string;
  authorId: string;
  codeHash: string;
}

/** Adds an immutable version, makes it current and queues its render. */
export async function appendVersion(client: PoolClient, v: NewVersion): Promise<void> {
  await client.query(
    `INSERT INTO shader_versions (shader_id, version, passes, common_code, change_note, author_id, code_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      v.shaderId,
      v.version,
      JSON.stringify(v.source.passes),
      v.source.common,
      v.changeNote,
      v.authorId,
      v.codeHash,
    ],
  );
  await client.query(
    `UPDATE shaders SET current_version = $2, render_state = 'queued', render_error = NULL, updated_at = now()
     WHERE id = $1`,
    [v.shaderId, v.version],
  );
}

export async function markRenderQueued(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE shaders SET render_state = 'queued', render_error = NULL, updated_at = now()
     WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
}

/** published_at is set on the first publish and kept afterwards (archiving does not clear it). */
export async function updateStatus(
  client: PoolClient,
  id: string,
  status: 'draft' | 'published' | 'archived',
): Promise<void> {
  await client.query(
    `UPDATE shaders SET status = $2::shader_status,
       published_at = CASE WHEN $2::shader_status = 'published' THEN COALESCE(published_at, now()) ELSE published_at END,
       updated_at = now()
     WHERE id = $1`,
    [id, status],
  );
}

export async function softDeleteShader(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE shaders SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return (rowCount ?? 0) > 0;
}
