import {
  pageSchema,
  shaderSummarySchema,
  TOP_PERIODS,
  type Page,
  type ShaderSummary,
  type TopPeriod,
} from '@fractafrag/contracts';
import { getJson } from './client.ts';

export const FEED_PAGE_SIZE = 24;

export interface FeedSpec {
  readonly key: string;
  readonly label: string;
  /** Where the tab lives in the SPA. */
  readonly path: string;
  /** The API feed it reads, under `/api/v1`. */
  readonly endpoint: string;
  /** Whether the feed takes a `period` (Top). */
  readonly periods: boolean;
}

/** The feeds in the tabs, in the product's order. New is the home page. */
export const FEEDS = [
  { key: 'for-you', label: 'For you', path: '/for-you', endpoint: '/api/v1/feed', periods: false },
  {
    key: 'trending',
    label: 'Trending',
    path: '/trending',
    endpoint: '/api/v1/feed/trending',
    periods: false,
  },
  { key: 'new', label: 'New', path: '/', endpoint: '/api/v1/feed/new', periods: false },
  { key: 'top', label: 'Top', path: '/top', endpoint: '/api/v1/feed/top', periods: true },
] as const satisfies readonly FeedSpec[];

export const PERIOD_LABELS: Record<TopPeriod, string> = {
  day: 'Today',
  week: 'This week',
  month: 'This month',
  all: 'All time',
};
export const DEFAULT_PERIOD: TopPeriod = 'week';

export function parsePeriod(value: string | null): TopPeriod {
  return TOP_PERIODS.find((period) => period === value) ?? DEFAULT_PERIOD;
}

const feedPageSchema = pageSchema(shaderSummarySchema);

export function fetchFeedPage(
  feed: FeedSpec,
  cursor: string | null,
  period: TopPeriod | null,
  signal?: AbortSignal,
): Promise<Page<ShaderSummary>> {
  const params = new URLSearchParams({ limit: String(FEED_PAGE_SIZE) });
  if (feed.periods && period) params.set('period', period);
  if (cursor) params.set('cursor', cursor);
  return getJson(`${feed.endpoint}?${params.toString()}`, feedPageSchema, signal);
}
