import type { Pool } from '@fractafrag/db';

/** Tags of published public shaders with how many use each, most used first (ties alphabetical). */
export async function findPopularTags(pool: Pool, limit: number): Promise<{ tag: string; count: number }[]> {
  const { rows } = await pool.query<{ tag: string; count: number }>(
    `SELECT t.tag, count(*)::int AS count
     FROM shaders s CROSS JOIN LATERAL unnest(s.tags) AS t(tag)
     WHERE s.status = 'published' AND s.visibility = 'public' AND s.deleted_at IS NULL
     GROUP BY t.tag
     ORDER BY count DESC, t.tag
     LIMIT $1`,
    [Math.min(limit, 100)],
  );
  return rows;
}
