import type { ShaderSort } from '@fractafrag/contracts';
import type { Pool } from '@fractafrag/db';
import type { ShaderRow } from '../shaders/shader.repository.ts';

/**
 * Read-only queries over published public shaders (search, feeds, similar). The columns are those
 * of ShaderRow (shaders/shader.repository.ts), so rows go through the same toShaderSummary mapper;
 * keep the two lists in step.
 */
export const SHADER_LIST_COLUMNS = `s.id, s.author_id, u.username::text AS author_username, s.title, s.description,
  s.tags, s.type, s.status, s.visibility, s.current_version, s.forked_from_shader_id, s.forked_from_version,
  s.vote_up, s.vote_down, s.hot_score, s.render_state, s.render_error, s.thumbnail_path, s.created_at,
  s.published_at`;

/** Listed shaders: published, public, not deleted (unlisted and private ones are reachable by link only). */
export const LISTED = `s.status = 'published' AND s.visibility = 'public' AND s.deleted_at IS NULL`;

export const MAX_PAGE = 100;

export interface ListFilter {
  q?: string;
  tags?: string[];
  type?: ShaderRow['type'];
  author?: string;
  publishedSince?: Date;
  sort: ShaderSort;
  after?: { key: string | number; id: string };
  limit: number;
}

export type ListedShaderRow = ShaderRow & { sort_key: string | number };

/** The SQL sort expression, how its cursor value is selected, and the cast to compare a cursor with. */
function sortKey(sort: ShaderSort, q: string | undefined): { expr: string; select: string; cast: string } {
  switch (sort) {
    case 'new':
      return {
        expr: 's.published_at',
        select: `to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        cast: 'timestamptz',
      };
    case 'hot':
      return { expr: 's.hot_score', select: 's.hot_score', cast: 'float8' };
    case 'top':
      return { expr: '(s.vote_up - s.vote_down)', select: '(s.vote_up - s.vote_down)', cast: 'int' };
    case 'relevance': {
      if (!q) throw new Error('relevance needs a query');
      // Full-text rank (normalised into [0, 1)) plus how closely the title matches, typos included.
      const expr = `(ts_rank_cd(s.search_vector, websearch_to_tsquery('english', ${q}), 32)::float8
        + word_similarity(${q}, s.title)::float8)`;
      return { expr, select: expr, cast: 'float8' };
    }
  }
}

/**
 * One page (+1 row, to tell whether there is a next page) of listed shaders matching the filter,
 * keyset-paginated on (sort key, id) descending. `q` matches the full-text vector
 * (websearch_to_tsquery: quotes, OR and -exclusions work) or, for typos, a title with a word at
 * least 0.6 trigram-similar to the query (pg_trgm's `<%`, served by the title trigram index).
 */
export async function listPublicShaders(pool: Pool, filter: ListFilter): Promise<ListedShaderRow[]> {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = [LISTED];
  const q = filter.q ? `${param(filter.q)}::text` : undefined;
  if (q) where.push(`(s.search_vector @@ websearch_to_tsquery('english', ${q}) OR ${q} <% s.title)`);
  if (filter.tags?.length) where.push(`s.tags @> ${param(filter.tags)}::text[]`);
  if (filter.type) where.push(`s.type = ${param(filter.type)}::shader_type`);
  if (filter.author) {
    where.push(`s.author_id = (SELECT id FROM users WHERE username = ${param(filter.author)}::citext)`);
  }
  if (filter.publishedSince) where.push(`s.published_at >= ${param(filter.publishedSince)}::timestamptz`);
  const key = sortKey(filter.sort, q);
  if (filter.after) {
    where.push(
      `(${key.expr}, s.id) < (${param(filter.after.key)}::${key.cast}, ${param(filter.after.id)}::uuid)`,
    );
  }
  const limit = param(Math.min(Math.max(1, filter.limit), MAX_PAGE) + 1);
  // Rank and cut the page on shaders alone; authors are joined for the page's rows only.
  const { rows } = await pool.query<ListedShaderRow>(
    `SELECT ${SHADER_LIST_COLUMNS}, s.sort_key
     FROM (SELECT s.*, ${key.select} AS sort_key, ${key.expr} AS order_key
           FROM shaders s
           WHERE ${where.join(' AND ')}
           ORDER BY ${key.expr} DESC, s.id DESC
           LIMIT ${limit}) s
     JOIN users u ON u.id = s.author_id
     ORDER BY s.order_key DESC, s.id DESC`,
    values,
  );
  return rows;
}

/** Listed shaders by id, in no particular order (callers re-order). */
export async function findListedShaders(pool: Pool, ids: string[]): Promise<ShaderRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query<ShaderRow>(
    `SELECT ${SHADER_LIST_COLUMNS} FROM shaders s JOIN users u ON u.id = s.author_id
     WHERE s.id = ANY($1::uuid[]) AND ${LISTED}
     LIMIT ${MAX_PAGE}`,
    [ids.slice(0, MAX_PAGE)],
  );
  return rows;
}
