import type { Pass } from '@fractafrag/contracts';
import type { Pool, PoolClient } from '@fractafrag/db';

type Db = Pool | PoolClient;

/** The text a shader embedding is computed from, as it was read. */
export interface ShaderText {
  title: string;
  description: string;
  tags: string[];
  current_version: number;
  passes: Pass[];
  common_code: string;
}

export async function findShaderText(db: Db, shaderId: string): Promise<ShaderText | null> {
  const { rows } = await db.query<ShaderText>(
    `SELECT s.title, s.description, s.tags, s.current_version, v.passes, v.common_code
     FROM shaders s JOIN shader_versions v ON v.shader_id = s.id AND v.version = s.current_version
     WHERE s.id = $1 AND s.deleted_at IS NULL`,
    [shaderId],
  );
  return rows[0] ?? null;
}

/**
 * Writes the embedding only if the shader still has the text it was computed from (an edit may
 * have landed meanwhile). updated_at is left alone: it belongs to edits and render state.
 */
export async function writeShaderEmbedding(
  db: Db,
  shaderId: string,
  from: ShaderText,
  vector: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE shaders SET text_embedding = $2::vector
     WHERE id = $1 AND deleted_at IS NULL AND current_version = $3
       AND title = $4 AND description = $5 AND tags = $6::text[]`,
    [shaderId, vector, from.current_version, from.title, from.description, from.tags],
  );
  return rowCount === 1;
}

/** The thumbnail's path relative to RENDERS_DIR, if the shader has one. */
export async function findShaderThumbnail(db: Db, shaderId: string): Promise<string | null> {
  const { rows } = await db.query<{ thumbnail_path: string | null }>(
    'SELECT thumbnail_path FROM shaders WHERE id = $1 AND deleted_at IS NULL',
    [shaderId],
  );
  return rows[0]?.thumbnail_path ?? null;
}

/**
 * Writes the visual embedding and perceptual hash ('0'/'1' × 64) computed from `thumbnail`, only if
 * that is still the shader's thumbnail. updated_at is left alone.
 */
export async function writeShaderVisual(
  db: Db,
  shaderId: string,
  thumbnail: string,
  vector: string,
  hash: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE shaders SET visual_embedding = $3::vector, visual_hash = $4::bit(64)
     WHERE id = $1 AND deleted_at IS NULL AND thumbnail_path = $2`,
    [shaderId, thumbnail, vector, hash],
  );
  return rowCount === 1;
}

export interface DesireText {
  prompt: string;
  details: string;
  tags: string[];
  cluster_id: string | null;
}

/** Locks the desire for the clustering transaction. */
export async function lockDesireText(client: PoolClient, desireId: string): Promise<DesireText | null> {
  const { rows } = await client.query<DesireText>(
    'SELECT prompt, details, tags, cluster_id FROM desires WHERE id = $1 FOR UPDATE',
    [desireId],
  );
  return rows[0] ?? null;
}

export async function writeDesireEmbedding(
  client: PoolClient,
  desireId: string,
  vector: string,
): Promise<void> {
  await client.query('UPDATE desires SET embedding = $2::vector WHERE id = $1', [desireId, vector]);
}

/** Serialises cluster assignment, so two similar desires embedded at once cannot both found a cluster. */
const CLUSTERING_LOCK = 4_242_017_040;
export async function lockClustering(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CLUSTERING_LOCK]);
}

export interface NearestCluster {
  id: string;
  centroid: string;
  size: number;
  similarity: number;
}

/** The cluster whose centroid is nearest by cosine distance (one raw pgvector fragment). */
export async function findNearestCluster(client: PoolClient, vector: string): Promise<NearestCluster | null> {
  const { rows } = await client.query<NearestCluster>(
    `SELECT id, centroid::text AS centroid, size, 1 - (centroid <=> $1::vector) AS similarity
     FROM desire_clusters
     ORDER BY centroid <=> $1::vector
     LIMIT 1`,
    [vector],
  );
  return rows[0] ?? null;
}

export async function growCluster(client: PoolClient, clusterId: string, centroid: string): Promise<void> {
  await client.query(
    `UPDATE desire_clusters SET centroid = $2::vector, size = size + 1, updated_at = now() WHERE id = $1`,
    [clusterId, centroid],
  );
}

export async function createCluster(client: PoolClient, label: string, centroid: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO desire_clusters (label, centroid, size) VALUES ($1, $2::vector, 1) RETURNING id`,
    [label, centroid],
  );
  return rows[0]!.id;
}

export async function setDesireCluster(
  client: PoolClient,
  desireId: string,
  clusterId: string,
): Promise<void> {
  await client.query('UPDATE desires SET cluster_id = $2 WHERE id = $1', [desireId, clusterId]);
}

/**
 * Recomputes heat with desire_heat() (db/migrations/0040, the same formula as the API's
 * desire-heat.ts) for the open desires of one cluster, or for every open desire when clusterId
 * is null (the periodic decay). Returns how many desires were updated.
 */
export async function refreshDesireHeat(db: Db, clusterId: string | null): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE desires d
     SET heat = desire_heat(d.support_count, d.tip_total,
                            (SELECT c.size FROM desire_clusters c WHERE c.id = d.cluster_id),
                            d.created_at, now())
     WHERE d.status = 'open' AND ($1::uuid IS NULL OR d.cluster_id = $1::uuid)`,
    [clusterId],
  );
  return rowCount ?? 0;
}

/** Shaders and desires that have no embedding yet (a lost enqueue, the seed shaders), oldest first. */
export async function findUnembedded(
  db: Db,
  limit: number,
): Promise<{ kind: 'shader' | 'desire'; id: string }[]> {
  const { rows } = await db.query<{ kind: 'shader' | 'desire'; id: string }>(
    `(SELECT 'shader' AS kind, id FROM shaders WHERE text_embedding IS NULL AND deleted_at IS NULL
      ORDER BY created_at LIMIT $1)
     UNION ALL
     (SELECT 'desire' AS kind, id FROM desires WHERE embedding IS NULL ORDER BY created_at LIMIT $1)`,
    [Math.min(limit, 1000)],
  );
  return rows;
}
