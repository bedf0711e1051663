import type { PoolClient } from '@fractafrag/db';
import type { ShaderRow } from '../shaders/shader.repository.ts';
import { LISTED, MAX_PAGE, SHADER_LIST_COLUMNS } from './shader-listing.repository.ts';

export type SemanticRow = ShaderRow & { similarity: number };

/** The k listed shaders whose text embedding is nearest (cosine) to `vector`, nearest first. */
export async function nearestListedByText(
  client: PoolClient,
  vector: string,
  k: number,
): Promise<SemanticRow[]> {
  const { rows } = await client.query<SemanticRow>(
    `SELECT ${SHADER_LIST_COLUMNS}, 1 - (s.text_embedding <=> $1::vector) AS similarity
     FROM shaders s JOIN users u ON u.id = s.author_id
     WHERE ${LISTED} AND s.text_embedding IS NOT NULL
     ORDER BY s.text_embedding <=> $1::vector
     LIMIT $2`,
    [vector, Math.min(Math.max(1, k), MAX_PAGE)],
  );
  return rows;
}
