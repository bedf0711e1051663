import type { CreateShaderBody, Pass } from '@fractafrag/contracts';
import type { Pool, PoolClient } from '@fractafrag/db';

export interface ShaderRow {
  id: string;
  author_id: string;
  author_username: string;
  title: string;
  description: string;
  tags: string[];
  type: '2d' | '3d' | 'audio-reactive';
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'unlisted' | 'private';
  current_version: number;
  forked_from_shader_id: string | null;
  forked_from_version: number | null;
  vote_up: number;
  vote_down: number;
  hot_score: number;
  render_state: 'queued' | 'rendering' | 'ready' | 'failed';
  render_error: string | null;
  thumbnail_path: string | null;
  created_at: Date;
  published_at: Date | null;
}

export interface ShaderWithSourceRow extends ShaderRow {
  passes: Pass[];
  common_code: string;
  code_hash: string;
  fork_count: number;
  thumbnail_time: number;
  poster_path: string | null;
  preview_path: string | null;
}

const SELECT_SHADER = `
  SELECT s.id, s.author_id, u.username::text AS author_username, s.title, s.description, s.tags, s.type,
         s.status, s.visibility, s.current_version, s.forked_from_shader_id, s.forked_from_version,
         s.vote_up, s.vote_down, s.hot_score, s.render_state, s.render_error, s.thumbnail_path,
         s.created_at, s.published_at
  FROM shaders s JOIN users u ON u.id = s.author_id`;
const SELECT_SHADER_WITH_EXTRAS = SELECT_SHADER.replace(
  's.created_at, s.published_at',
  's.created_at, s.published_at, s.fork_count, s.thumbnail_time, s.poster_path, s.preview_path',
);

export async function insertShader(
  client: PoolClient,
  authorId: string,
  body: CreateShaderBody,
  hash: string,
  changeNote = 'Initial version',
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO shaders (author_id, title, description, tags, type, status, visibility, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6::shader_status = 'published' THEN now() END)
     RETURNING id`,
    [authorId, body.title, body.description, body.tags, body.type, body.status, body.visibility],
  );
  const id = rows[0]!.id;
  await client.query(
    `INSERT INTO shader_versions (shader_id, version, passes, common_code, change_note, author_id, code_hash)
     VALUES ($1, 1, $2, $3, $4, $5, $6)`,
    [id, JSON.stringify(body.source.passes), body.source.common, changeNote, authorId, hash],
  );
  return id;
}

export async function findShaderWithSource(pool: Pool, id: string): Promise<ShaderWithSourceRow | null> {
  const { rows } = await pool.query<ShaderWithSourceRow>(
    `SELECT x.*, v.passes, v.common_code, v.code_hash FROM (${SELECT_SHADER_WITH_EXTRAS}
       WHERE s.id = $1 AND s.deleted_at IS NULL) x
     JOIN shader_versions v ON v.shader_id = x.id AND v.version = x.current_version`,
    [id],
  );
  return rows[0] ?? null;
}

/** Public, published shaders, newest first, keyset-paginated on (published_at, id). */
export async function listNewShaders(
  pool: Pool,
  limit: number,
  after?: { publishedAt: string; id: string },
): Promise<ShaderRow[]> {
  const { rows } = await pool.query<ShaderRow>(
    `${SELECT_SHADER}
     WHERE s.status = 'published' AND s.visibility = 'public' AND s.deleted_at IS NULL
       AND ($2::timestamptz IS NULL OR (s.published_at, s.id) < ($2::timestamptz, $3::uuid))
     ORDER BY s.published_at DESC, s.id DESC
     LIMIT $1`,
    [Math.min(limit, 100) + 1, after?.publishedAt ?? null, after?.id ?? null],
  );
  return rows;
}

/**
 * One author's shaders (every visibility), newest first, keyset-paginated on (created_at, id).
 * The cursor key is created_at in full microseconds: a millisecond key would skip rows.
 */
export async function listAuthorShaders(
  pool: Pool,
  authorId: string,
  status: ShaderRow['status'] | undefined,
  limit: number,
  after?: { createdAt: string; id: string },
): Promise<(ShaderRow & { cursor_key: string })[]> {
  const { rows } = await pool.query<ShaderRow & { cursor_key: string }>(
    `${SELECT_SHADER.replace(
      'SELECT s.id,',
      `SELECT to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_key, s.id,`,
    )}
       WHERE s.author_id = $1 AND s.deleted_at IS NULL
         AND ($2::shader_status IS NULL OR s.status = $2::shader_status)
         AND ($4::timestamptz IS NULL OR (s.created_at, s.id) < ($4::timestamptz, $5::uuid))
       ORDER BY s.created_at DESC, s.id DESC
       LIMIT $3`,
    [authorId, status ?? null, Math.min(limit, 100) + 1, after?.createdAt ?? null, after?.id ?? null],
  );
  return rows;
}
