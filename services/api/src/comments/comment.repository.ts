import type { Pool, PoolClient } from '@fractafrag/db';

export interface CommentRow {
  id: string;
  shader_id: string;
  parent_id: string | null;
  author_id: string;
  author_username: string;
  body: string;
  created_at: Date;
  deleted_at: Date | null;
  /** created_at to the microsecond, for the keyset cursor. */
  cursor_key: string;
}

const SELECT_COMMENT = `
  SELECT c.id, c.shader_id, c.parent_id, c.author_id, u.username::text AS author_username, c.body, c.created_at,
         c.deleted_at, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_key
  FROM comments c JOIN users u ON u.id = c.author_id`;

/**
 * A shader's comments, oldest first, keyset-paginated on (created_at, id); returns limit + 1 rows.
 * Deleted comments stay listed (as placeholders) only while a live reply hangs below them.
 */
export async function listComments(
  pool: Pool,
  shaderId: string,
  limit: number,
  after?: { createdAt: string; id: string },
): Promise<CommentRow[]> {
  const { rows } = await pool.query<CommentRow>(
    `${SELECT_COMMENT}
     WHERE c.shader_id = $1
       AND (c.deleted_at IS NULL
            OR EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL))
       AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::uuid))
     ORDER BY c.created_at, c.id
     LIMIT $2`,
    [shaderId, Math.min(limit, 100) + 1, after?.createdAt ?? null, after?.id ?? null],
  );
  return rows;
}

export async function findComment(db: Pool | PoolClient, id: string): Promise<CommentRow | null> {
  const { rows } = await db.query<CommentRow>(`${SELECT_COMMENT} WHERE c.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Locks the comment row so two deletions cannot both decrement the shader's count. */
export async function lockComment(
  client: PoolClient,
  id: string,
): Promise<{ id: string; shader_id: string; author_id: string; deleted_at: Date | null } | null> {
  const { rows } = await client.query<{
    id: string;
    shader_id: string;
    author_id: string;
    deleted_at: Date | null;
  }>(`SELECT id, shader_id, author_id, deleted_at FROM comments WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

export async function insertComment(
  client: PoolClient,
  input: { shaderId: string; authorId: string; body: string; parentId: string | null },
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO comments (shader_id, author_id, body, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [input.shaderId, input.authorId, input.body, input.parentId],
  );
  return rows[0]!.id;
}

export async function softDeleteComment(client: PoolClient, id: string): Promise<void> {
  await client.query(`UPDATE comments SET deleted_at = now() WHERE id = $1`, [id]);
}

/** comment_count counts live (not deleted) comments. */
export async function adjustCommentCount(client: PoolClient, shaderId: string, delta: 1 | -1): Promise<void> {
  await client.query(`UPDATE shaders SET comment_count = greatest(0, comment_count + $2) WHERE id = $1`, [
    shaderId,
    delta,
  ]);
}
