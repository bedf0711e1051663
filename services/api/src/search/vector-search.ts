import { withTransaction, type Pool, type PoolClient } from '@fractafrag/db';

/**
 * Runs nearest-neighbour queries with pgvector's iterative HNSW scan: with filters (published,
 * public, not seen) a plain HNSW scan returns at most ef_search candidates and may come back short;
 * the iterative scan keeps walking the graph until LIMIT rows pass the filters.
 */
export async function withVectorSearch<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query(`SET LOCAL hnsw.iterative_scan = strict_order`);
    return fn(client);
  });
}
