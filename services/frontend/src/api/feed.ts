import { pageSchema, shaderSummarySchema, type Page, type ShaderSummary } from '@fractafrag/contracts';
import { getJson } from './client.ts';

export const FEED_PAGE_SIZE = 24;

export interface FeedSpec {
  readonly key: string;
  readonly label: string;
  /** Where the tab lives in the SPA. */
  readonly path: string;
  /** The API feed it reads, under `/api/v1`. */
  readonly endpoint: string;
}

/** The feeds in the header, in the product's order. New is the home page. */
export const FEEDS = [
  { key: 'for-you', label: 'For you', path: '/for-you', endpoint: '/api/v1/feed' },
  { key: 'trending', label: 'Trending', path: '/trending', endpoint: '/api/v1/feed/trending' },
  { key: 'new', label: 'New', path: '/', endpoint: '/api/v1/feed/new' },
  { key: 'top', label: 'Top', path: '/top', endpoint: '/api/v1/feed/top' },
] as const satisfies readonly FeedSpec[];

const feedPageSchema = pageSchema(shaderSummarySchema);

export function fetchFeedPage(
  feed: FeedSpec,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<ShaderSummary>> {
  const params = new URLSearchParams({ limit: String(FEED_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return getJson(`${feed.endpoint}?${params.toString()}`, feedPageSchema, signal);
}
