import type { Pool } from '@fractafrag/db';
import type { ShaderRow } from '../shaders/shader.repository.ts';

export interface ProfileRow {
  id: string;
  username: string;
  display_name: string | null;
  bio: string | null;
  avatar_url: string | null;
  website_url: string | null;
  created_at: Date;
  published_shaders: number;
}

/** Usernames are unique case-insensitively (citext). */
export async function findProfile(pool: Pool, username: string): Promise<ProfileRow | null> {
  const { rows } = await pool.query<ProfileRow>(
    `SELECT u.id, u.username::text AS username, u.display_name, u.bio, u.avatar_url, u.website_url, u.created_at,
            (SELECT count(*)::int FROM shaders s
             WHERE s.author_id = u.id AND s.status = 'published' AND s.visibility = 'public'
               AND s.deleted_at IS NULL) AS published_shaders
     FROM users u WHERE u.username = $1::citext`,
    [username],
  );
  return rows[0] ?? null;
}

export interface AuthorShaderRow extends ShaderRow {
  /** published_at as Postgres text: exact to the microsecond, for keyset cursors. */
  published_key: string;
}

/** One author's published public shaders, newest first, keyset-paginated on (published_at, id). */
export async function listAuthorShaders(
  pool: Pool,
  authorId: string,
  limit: number,
  after?: { publishedAt: string; id: string },
): Promise<AuthorShaderRow[]> {
  const { rows } = await pool.query<AuthorShaderRow>(
    `SELECT s.id, s.author_id, u.username::text AS author_username, s.title, s.description, s.tags, s.type,
            s.status, s.visibility, s.current_version, s.forked_from_shader_id, s.forked_from_version,
            s.vote_up, s.vote_down, s.hot_score, s.render_state, s.render_error, s.thumbnail_path,
            s.created_at, s.published_at, s.published_at::text AS published_key
     FROM shaders s JOIN users u ON u.id = s.author_id
     WHERE s.author_id = $1 AND s.status = 'published' AND s.visibility = 'public' AND s.deleted_at IS NULL
       AND ($3::timestamptz IS NULL OR (s.published_at, s.id) < ($3::timestamptz, $4::uuid))
     ORDER BY s.published_at DESC, s.id DESC
     LIMIT $2`,
    [authorId, Math.min(limit, 100) + 1, after?.publishedAt ?? null, after?.id ?? null],
  );
  return rows;
}
