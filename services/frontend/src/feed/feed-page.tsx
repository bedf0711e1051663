import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ShaderSummary, TopPeriod } from '@fractafrag/contracts';
import { DEFAULT_PERIOD, fetchFeedPage, FEED_PAGE_SIZE, parsePeriod, type FeedSpec } from '../api/feed.ts';
import { LiveCanvasProvider } from '../live/live-canvas-context.tsx';
import { FeedTabs } from './feed-tabs.tsx';
import { ShaderCard, ShaderCardSkeleton } from './shader-card.tsx';
import { useSentinel } from './use-sentinel.ts';

/** Pages of a keyset feed can overlap when shaders move between fetches; show each shader once. */
function uniqueById(shaders: ShaderSummary[]): ShaderSummary[] {
  const seen = new Set<string>();
  return shaders.filter((shader) => !seen.has(shader.id) && seen.add(shader.id));
}

function FeedError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="panel panel-error" role="alert" data-testid="feed-error">
      <h2>Could not load shaders</h2>
      <p className="error-message">{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Cards in the first rows load their thumbnails at once; the rest as they come near. */
const EAGER_CARDS = 8;

export function FeedPage({ feed }: { feed: FeedSpec }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const period = feed.periods ? parsePeriod(searchParams.get('period')) : null;
  const setPeriod = (next: TopPeriod) =>
    setSearchParams(next === DEFAULT_PERIOD ? {} : { period: next }, { replace: true });

  const query = useInfiniteQuery({
    queryKey: ['feed', feed.key, period],
    queryFn: ({ pageParam, signal }) => fetchFeedPage(feed, pageParam, period, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  const { data, error, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, refetch } =
    query;
  const shaders = useMemo(() => uniqueById(data?.pages.flatMap((page) => page.items) ?? []), [data]);
  const loadMore = () => void fetchNextPage();
  const sentinelRef = useSentinel<HTMLDivElement>(
    loadMore,
    hasNextPage && !isFetchingNextPage && !isFetchNextPageError,
  );

  let body;
  if (query.isPending) {
    body = (
      <div data-testid="feed-loading" aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading shaders…
        </p>
        <div className="grid">
          {Array.from({ length: Math.min(FEED_PAGE_SIZE, 8) }, (_, i) => (
            <ShaderCardSkeleton key={i} />
          ))}
        </div>
      </div>
    );
  } else if (query.isError && !data) {
    body = <FeedError message={error?.message ?? 'Something went wrong.'} onRetry={() => void refetch()} />;
  } else if (shaders.length === 0) {
    body = (
      <div className="panel" data-testid="feed-empty">
        <h2>No shaders here yet</h2>
        <p>
          {feed.periods
            ? 'Nothing was published in this period. Try a longer one.'
            : 'Published shaders appear here as soon as they are submitted.'}
        </p>
      </div>
    );
  } else {
    body = (
      <LiveCanvasProvider>
        <ul className="grid" data-testid="feed-grid">
          {shaders.map((shader, index) => (
            <li key={shader.id}>
              <ShaderCard shader={shader} eager={index < EAGER_CARDS} />
            </li>
          ))}
        </ul>
        <div className="feed-footer" ref={sentinelRef} data-testid="feed-sentinel">
          {isFetchingNextPage ? (
            <p role="status">Loading more…</p>
          ) : isFetchNextPageError ? (
            <div role="alert" className="inline-error">
              <span className="error-message">{error?.message ?? 'Could not load more shaders.'}</span>
              <button type="button" className="button" onClick={loadMore}>
                Try again
              </button>
            </div>
          ) : hasNextPage ? (
            <button type="button" className="button button-quiet" onClick={loadMore}>
              Load more
            </button>
          ) : (
            <p className="muted">You have reached the end.</p>
          )}
        </div>
      </LiveCanvasProvider>
    );
  }

  return (
    <section aria-labelledby="feed-heading">
      <title>{`${feed.label} · Fractafrag`}</title>
      <h1 id="feed-heading" className="visually-hidden">
        {feed.label} shaders
      </h1>
      <FeedTabs feed={feed} period={period ?? DEFAULT_PERIOD} onPeriod={setPeriod} />
      {body}
    </section>
  );
}
