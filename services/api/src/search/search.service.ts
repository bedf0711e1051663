import type { Page, ShaderSearchQuery, ShaderSummary } from '@fractafrag/contracts';
import { validationFailed } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { toShaderSummary } from '../shaders/shader.mapper.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from './list-cursor.ts';
import { listPublicShaders, type ListFilter } from './shader-listing.repository.ts';

export interface DiscoveryDeps {
  pool: Pool;
  rendersPublicPath: string;
}

/** GET /shaders: the default order is relevance with a query, newest first without one. */
export async function searchShaders(
  deps: DiscoveryDeps,
  query: ShaderSearchQuery,
): Promise<Page<ShaderSummary>> {
  const q = query.q ? query.q : undefined;
  const sort = query.sort ?? (q ? 'relevance' : 'new');
  if (sort === 'relevance' && !q) {
    throw validationFailed('sort=relevance ranks by a search query: pass q, or choose hot, new or top.', [
      { path: 'sort', message: 'relevance needs q' },
    ]);
  }
  return listShaderPage(
    deps,
    { q, tags: query.tags, type: query.type, author: query.author, sort, limit: query.limit },
    query.cursor,
  );
}

/** One keyset page of listed shaders; the cursor must come from the same sort. */
export async function listShaderPage(
  deps: DiscoveryDeps,
  filter: Omit<ListFilter, 'after'>,
  cursor: string | undefined,
): Promise<Page<ShaderSummary>> {
  const after = cursor ? decodeKeysetCursor(cursor, filter.sort) : undefined;
  const rows = await listPublicShaders(deps.pool, { ...filter, after });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toShaderSummary(row, deps.rendersPublicPath)),
    nextCursor:
      rows.length > filter.limit && last ? encodeKeysetCursor(filter.sort, last.sort_key, last.id) : null,
  };
}
