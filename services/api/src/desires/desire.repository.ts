import type { CreateDesireBody, DesireStatus } from '@fractafrag/contracts';
import type { Pool, PoolClient } from '@fractafrag/db';

type Db = Pool | PoolClient;

export interface DesireRow {
  id: string;
  author_id: string;
  author_username: string;
  prompt: string;
  details: string;
  tags: string[];
  status: DesireStatus;
  support_count: number;
  tip_total: number;
  heat: number;
  cluster_id: string | null;
  fulfilled_by: string | null;
  fulfilled_title: string | null;
  fulfilled_at: Date | null;
  expires_at: Date;
  created_at: Date;
  /** created_at as Postgres text: exact to the microsecond, for keyset cursors. */
  created_key: string;
  supported_by_me: boolean;
}

/** `$1` is the viewer's id (or null), for supported_by_me. */
const DESIRE_COLUMNS = `
  d.id, d.author_id, u.username::text AS author_username, d.prompt, d.details, d.tags, d.status,
  d.support_count, d.tip_total, d.heat, d.cluster_id, d.fulfilled_by, s.title AS fulfilled_title,
  d.fulfilled_at, d.expires_at, d.created_at, d.created_at::text AS created_key,
  EXISTS (SELECT 1 FROM desire_supports ds WHERE ds.desire_id = d.id AND ds.user_id = $1::uuid) AS supported_by_me`;
const DESIRE_FROM = `
  FROM desires d
  JOIN users u ON u.id = d.author_id
  LEFT JOIN shaders s ON s.id = d.fulfilled_by`;
const SELECT_DESIRE = `SELECT ${DESIRE_COLUMNS} ${DESIRE_FROM}`;

export async function insertDesire(
  client: Db,
  authorId: string,
  body: CreateDesireBody,
  heat: number,
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO desires (author_id, prompt, details, tags, heat) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [authorId, body.prompt, body.details, body.tags, heat],
  );
  return rows[0]!.id;
}

export async function findDesire(db: Db, id: string, viewerId: string | null): Promise<DesireRow | null> {
  const { rows } = await db.query<DesireRow>(`${SELECT_DESIRE} WHERE d.id = $2`, [viewerId, id]);
  return rows[0] ?? null;
}

export interface DesireListOptions {
  sort: 'heat' | 'new';
  status: DesireStatus | 'all';
  limit: number;
  viewerId: string | null;
  /** The last item of the previous page: its heat (sort=heat) or created_at text (sort=new), and id. */
  after?: { key: number | string; id: string };
}

/** One page plus one row (to know whether there is a next page), keyset-paginated. */
export async function listDesires(db: Db, options: DesireListOptions): Promise<DesireRow[]> {
  const order =
    options.sort === 'heat'
      ? { keyset: '(d.heat, d.id) < ($4::float8, $5::uuid)', orderBy: 'd.heat DESC, d.id DESC' }
      : {
          keyset: '(d.created_at, d.id) < ($4::timestamptz, $5::uuid)',
          orderBy: 'd.created_at DESC, d.id DESC',
        };
  const { rows } = await db.query<DesireRow>(
    `${SELECT_DESIRE}
     WHERE ($3::desire_status IS NULL OR d.status = $3::desire_status)
       AND ($5::uuid IS NULL OR ${order.keyset})
     ORDER BY ${order.orderBy}
     LIMIT $2`,
    [
      options.viewerId,
      Math.min(options.limit, 100) + 1,
      options.status === 'all' ? null : options.status,
      options.after?.key ?? null,
      options.after?.id ?? null,
    ],
  );
  return rows;
}

export interface SimilarDesireRow extends DesireRow {
  similarity: number;
}

/** Nearest desires by cosine distance of their embeddings (one raw pgvector fragment). */
export async function findSimilarDesires(
  db: Db,
  id: string,
  viewerId: string | null,
  limit: number,
): Promise<SimilarDesireRow[]> {
  const { rows } = await db.query<SimilarDesireRow>(
    `WITH target AS (SELECT embedding FROM desires WHERE id = $2 AND embedding IS NOT NULL)
     SELECT ${DESIRE_COLUMNS}, 1 - (d.embedding <=> t.embedding) AS similarity
     ${DESIRE_FROM} CROSS JOIN target t
     WHERE d.id <> $2 AND d.embedding IS NOT NULL
     ORDER BY d.embedding <=> t.embedding
     LIMIT $3`,
    [viewerId, id, Math.min(limit, 20)],
  );
  return rows;
}

export async function findClusterRef(
  db: Db,
  clusterId: string,
): Promise<{ id: string; label: string; size: number } | null> {
  const { rows } = await db.query<{ id: string; label: string; size: number }>(
    'SELECT id, label, size FROM desire_clusters WHERE id = $1',
    [clusterId],
  );
  return rows[0] ?? null;
}

export interface ClusterRow {
  id: string;
  label: string;
  size: number;
  heat: number;
  open_count: number;
  created_at: Date;
}

/** Largest clusters first, then the hottest (sum of the heat of their open desires). */
export async function listClusters(db: Db, limit: number): Promise<ClusterRow[]> {
  const { rows } = await db.query<ClusterRow>(
    `SELECT c.id, c.label, c.size, c.created_at,
            coalesce(sum(d.heat) FILTER (WHERE d.status = 'open'), 0)::float8 AS heat,
            count(d.id) FILTER (WHERE d.status = 'open')::int AS open_count
     FROM desire_clusters c LEFT JOIN desires d ON d.cluster_id = c.id
     WHERE c.size > 0
     GROUP BY c.id
     ORDER BY c.size DESC, heat DESC, c.id
     LIMIT $1`,
    [Math.min(limit, 100)],
  );
  return rows;
}

// Writes, each inside the caller's transaction after lockDesire.

export interface LockedDesire {
  id: string;
  author_id: string;
  status: DesireStatus;
  expired: boolean;
  tip_total: number;
}

/** Locks the desire row for the rest of the transaction (always first, then user rows). */
export async function lockDesire(client: PoolClient, id: string): Promise<LockedDesire | null> {
  const { rows } = await client.query<LockedDesire>(
    `SELECT id, author_id, status, expires_at <= now() AS expired, tip_total
     FROM desires WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** What heat is computed from, after a counter changed. */
export interface HeatInputsRow {
  support_count: number;
  tip_total: number;
  cluster_size: number | null;
  created_at: Date;
}

const HEAT_INPUTS = `support_count, tip_total, created_at,
  (SELECT size FROM desire_clusters c WHERE c.id = desires.cluster_id) AS cluster_size`;

export async function addSupport(client: PoolClient, desireId: string, userId: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO desire_supports (desire_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [desireId, userId],
  );
  return rowCount === 1;
}

export async function removeSupport(client: PoolClient, desireId: string, userId: string): Promise<boolean> {
  const { rowCount } = await client.query(
    'DELETE FROM desire_supports WHERE desire_id = $1 AND user_id = $2',
    [desireId, userId],
  );
  return rowCount === 1;
}

/** Adds to the support count and tip total (either may be 0) and returns the heat inputs. */
export async function bumpCounters(
  client: PoolClient,
  id: string,
  supportDelta: number,
  tipPoints: number,
): Promise<HeatInputsRow> {
  const { rows } = await client.query<HeatInputsRow>(
    `UPDATE desires SET support_count = support_count + $2, tip_total = tip_total + $3, updated_at = now()
     WHERE id = $1 RETURNING ${HEAT_INPUTS}`,
    [id, supportDelta, tipPoints],
  );
  return rows[0]!;
}

export async function setHeat(client: PoolClient, id: string, heat: number): Promise<void> {
  await client.query('UPDATE desires SET heat = $2 WHERE id = $1', [id, heat]);
}

export async function insertTip(
  client: PoolClient,
  desireId: string,
  userId: string,
  points: number,
): Promise<void> {
  await client.query('INSERT INTO bounty_tips (desire_id, user_id, points) VALUES ($1, $2, $3)', [
    desireId,
    userId,
    points,
  ]);
}

export async function markFulfilled(client: PoolClient, id: string, shaderId: string): Promise<void> {
  await client.query(
    `UPDATE desires SET status = 'fulfilled', fulfilled_by = $2, fulfilled_at = now(), updated_at = now()
     WHERE id = $1`,
    [id, shaderId],
  );
}

export async function markClosed(client: PoolClient, id: string): Promise<void> {
  await client.query(`UPDATE desires SET status = 'closed', updated_at = now() WHERE id = $1`, [id]);
}

export interface FulfillingShaderRow {
  author_id: string;
  status: 'draft' | 'published' | 'archived';
  visibility: 'public' | 'unlisted' | 'private';
}

export async function findFulfillingShader(db: Db, shaderId: string): Promise<FulfillingShaderRow | null> {
  const { rows } = await db.query<FulfillingShaderRow>(
    'SELECT author_id, status, visibility FROM shaders WHERE id = $1 AND deleted_at IS NULL',
    [shaderId],
  );
  return rows[0] ?? null;
}
