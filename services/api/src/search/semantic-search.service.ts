import type { SemanticSearchQuery, SemanticSearchResult } from '@fractafrag/contracts';
import { unavailable, type Logger } from '@fractafrag/core';
import { toShaderSummary } from '../shaders/shader.mapper.ts';
import type { DiscoveryDeps } from './search.service.ts';
import { nearestListedByText } from './semantic-search.repository.ts';
import { withVectorSearch } from './vector-search.ts';

/** Fixed by the schema: shaders.text_embedding is vector(256). */
const TEXT_EMBEDDING_DIM = 256;
const WORKER_TIMEOUT_MS = 5000;

export interface SemanticSearchDeps extends DiscoveryDeps {
  /** The query's text embedding, in the same space as shaders.text_embedding. */
  embedQuery(text: string): Promise<number[]>;
}

const UNAVAILABLE =
  'Semantic search is unavailable: the worker that embeds queries is not reachable. ' +
  'Try again shortly, or search by words with GET /api/v1/shaders?q=.';

/**
 * Asks the worker (POST /embed/text), which holds the sentence encoder, for a query's embedding;
 * the API never loads the model. Unreachable, slow (over 5 s) or malformed answers are a 503.
 */
export function workerQueryEmbedder(workerUrl: string, logger: Logger): (text: string) => Promise<number[]> {
  const url = new URL('/embed/text', workerUrl).toString();
  return async (text) => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(WORKER_TIMEOUT_MS),
      });
    } catch (err) {
      logger.warn({ err: (err as Error).message, url }, 'worker unreachable for query embedding');
      throw unavailable(UNAVAILABLE);
    }
    const body = (await res.json().catch(() => null)) as { vector?: unknown } | null;
    const vector = body?.vector;
    if (
      !res.ok ||
      !Array.isArray(vector) ||
      vector.length !== TEXT_EMBEDDING_DIM ||
      !vector.every((x) => typeof x === 'number' && Number.isFinite(x))
    ) {
      logger.warn({ status: res.status, url }, 'worker gave no query embedding');
      throw unavailable(UNAVAILABLE);
    }
    return vector as number[];
  };
}

/**
 * GET /shaders/semantic: the listed shaders whose text embedding (title, description, tags and
 * code, computed by the worker) is closest to the query's, by meaning rather than shared words.
 * Shaders the worker has not embedded yet are not found.
 */
export async function semanticSearch(
  deps: SemanticSearchDeps,
  query: SemanticSearchQuery,
): Promise<SemanticSearchResult> {
  const vector = await deps.embedQuery(query.q);
  const literal = `[${vector.join(',')}]`;
  const rows = await withVectorSearch(deps.pool, (client) =>
    nearestListedByText(client, literal, query.limit),
  );
  return {
    items: rows.map((row) => ({
      ...toShaderSummary(row, deps.rendersPublicPath),
      // An all-zero vector has no direction: pgvector answers NaN, which we report as 0.
      similarity: Number.isFinite(row.similarity) ? row.similarity : 0,
    })),
    source: 'semantic',
  };
}
