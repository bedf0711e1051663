/** The paging state of an infinite query, as the list pages use it. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Load more" under a paged list; nothing once the last page is in. */
export function LoadMoreFooter({ query }: { query: PagedQuery }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="list-footer">
      <button
        type="button"
        className="button button-quiet"
        disabled={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
