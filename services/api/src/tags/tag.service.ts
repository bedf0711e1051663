import type { PopularTags } from '@fractafrag/contracts';
import type { Pool } from '@fractafrag/db';
import { findPopularTags } from './tag.repository.ts';

export async function popularTags(deps: { pool: Pool }, limit: number): Promise<PopularTags> {
  return { items: await findPopularTags(deps.pool, limit) };
}
