import type { Pass } from '@fractafrag/contracts';
import type { Pool, PoolClient } from '@fractafrag/db';

export interface VersionRow {
  shader_id: string;
  version: number;
  change_note: string;
  author_id: string;
  author_username: string;
  code_hash: string;
  created_at: Date;
}

export interface VersionWithSourceRow extends VersionRow {
  passes: Pass[];
  common_code: string;
}

const SELECT_VERSION = `
  SELECT v.shader_id, v.version, v.change_note, v.author_id, u.username::text AS author_username,
         v.code_hash, v.created_at
  FROM shader_versions v JOIN users u ON u.id = v.author_id`;

/** Newest first, keyset-paginated on the version number. */
export async function listVersions(
  pool: Pool,
  shaderId: string,
  limit: number,
  beforeVersion?: number,
): Promise<VersionRow[]> {
  const { rows } = await pool.query<VersionRow>(
    `${SELECT_VERSION}
     WHERE v.shader_id = $1 AND ($3::int IS NULL OR v.version < $3::int)
     ORDER BY v.version DESC
     LIMIT $2`,
    [shaderId, Math.min(limit, 100) + 1, beforeVersion ?? null],
  );
  return rows;
}

export async function findVersion(
  pool: Pool | PoolClient,
  shaderId: string,
  version: number,
): Promise<VersionWithSourceRow | null> {
  const { rows } = await pool.query<VersionWithSourceRow>(
    `SELECT x.*, v.passes, v.common_code FROM (${SELECT_VERSION} WHERE v.shader_id = $1 AND v.version = $2) x
     JOIN shader_versions v ON v.shader_id = x.shader_id AND v.version = x.version`,
    [shaderId, version],
  );
  return rows[0] ?? null;
}

export interface NewFork {
  authorId: string;
  title: string;
  description: string;
  tags: string[];
  type: string;
  visibility: string;
  thumbnailTime: number;
  from: { shaderId: string; version: number };
  passes: Pass[];
  commonCode: string;
  codeHash: string;
  changeNote: string;
}

/** Inserts the fork as a draft at version 1 and counts it on the original. */
export async function insertFork(client: PoolClient, fork: NewFork): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO shaders (author_id, title, description, tags, type, status, visibility, thumbnail_time,
                          forked_from_shader_id, forked_from_version)
     VALUES ($1, $2, $3, $4, $5::shader_type, 'draft', $6::shader_visibility, $7, $8, $9)
     RETURNING id`,
    [
      fork.authorId,
      fork.title,
      fork.description,
      fork.tags,
      fork.type,
      fork.visibility,
      fork.thumbnailTime,
      fork.from.shaderId,
      fork.from.version,
    ],
  );
  const id = rows[0]!.id;
  await client.query(
    `INSERT INTO shader_versions (shader_id, version, passes, common_code, change_note, author_id, code_hash)
     VALUES ($1, 1, $2, $3, $4, $5, $6)`,
    [id, JSON.stringify(fork.passes), fork.commonCode, fork.changeNote, fork.authorId, fork.codeHash],
  );
  await client.query(`UPDATE shaders SET fork_count = fork_count + 1 WHERE id = $1`, [fork.from.shaderId]);
  return id;
}
