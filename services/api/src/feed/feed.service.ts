import type { ForYouPage, Page, ShaderSummary, TopPeriod } from '@fractafrag/contracts';
import { badRequest } from '@fractafrag/core';
import { diversify, forYouScore } from '@fractafrag/ranking';
import type { AuthContext } from '../auth/auth-context.ts';
import { decodeListCursor, encodePersonalCursor } from '../search/list-cursor.ts';
import { listShaderPage, type DiscoveryDeps } from '../search/search.service.ts';
import { withVectorSearch } from '../search/vector-search.ts';
import { toShaderSummary } from '../shaders/shader.mapper.ts';
import { findTasteVector, listForYouCandidates } from './for-you.repository.ts';

export const trendingShaders = (deps: DiscoveryDeps, limit: number, cursor?: string) =>
  listShaderPage(deps, { sort: 'hot', limit }, cursor);

export const newShaders = (deps: DiscoveryDeps, limit: number, cursor?: string) =>
  listShaderPage(deps, { sort: 'new', limit }, cursor);

const PERIOD_HOURS: Record<TopPeriod, number | null> = { day: 24, week: 24 * 7, month: 24 * 30, all: null };

/** Shaders published within the period, by net votes (up − down). */
export function topShaders(
  deps: DiscoveryDeps,
  period: TopPeriod,
  limit: number,
  cursor?: string,
  now = new Date(),
): Promise<Page<ShaderSummary>> {
  const hours = PERIOD_HOURS[period];
  const publishedSince = hours === null ? undefined : new Date(now.getTime() - hours * 3_600_000);
  return listShaderPage(deps, { sort: 'top', limit, publishedSince }, cursor);
}

/**
 * The "for you" feed. With a taste vector: candidates (nearest neighbours of the taste vector on
 * text embeddings ∪ trending ∪ new, minus the caller's own and already-seen shaders) ranked by
 * forYouScore, then diversified so no author appears twice in a row when avoidable. Pages are
 * positions in that ranking, frozen at the first page's time. Without a taste vector (anonymous,
 * or a cold start) it is the trending feed, and says so in `source`.
 */
export async function forYou(
  deps: DiscoveryDeps,
  auth: AuthContext | undefined,
  limit: number,
  cursor?: string,
): Promise<ForYouPage> {
  const decoded = cursor ? decodeListCursor(cursor) : undefined;
  const trending = async (next?: string): Promise<ForYouPage> => ({
    ...(await trendingShaders(deps, limit, next)),
    source: 'trending',
  });
  if (decoded?.kind === 'keyset') return trending(cursor);
  if (decoded && !auth) {
    throw badRequest('This cursor continues a personal feed: send it with the same credentials.');
  }
  const taste = auth ? await findTasteVector(deps.pool, auth.userId) : null;
  if (!auth || !taste) return trending();

  const offset = decoded?.offset ?? 0;
  const { asOf, candidates } = await withVectorSearch(deps.pool, async (client) => {
    // The database's clock, so "seen before asOf" agrees with the created_at of the events.
    const at = decoded
      ? new Date(decoded.asOf)
      : (await client.query<{ now: Date }>('SELECT now() AS now')).rows[0]!.now;
    return {
      asOf: at,
      candidates: await listForYouCandidates(client, { userId: auth.userId, taste, asOf: at }),
    };
  });
  if (candidates.length === 0 && offset === 0) return trending();

  const ranked = candidates
    .map((row) => ({
      row,
      score: forYouScore({ similarity: row.similarity, hot: row.hot_score, ageHours: row.age_hours }),
    }))
    .sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? 1 : -1));
  const ordered = diversify(ranked, (r) => r.row.author_id);
  const page = ordered.slice(offset, offset + limit);
  return {
    items: page.map((r) => toShaderSummary(r.row, deps.rendersPublicPath)),
    nextCursor: offset + limit < ordered.length ? encodePersonalCursor(asOf, offset + limit) : null,
    source: 'personal',
  };
}
