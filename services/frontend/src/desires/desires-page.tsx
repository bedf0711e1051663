import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { desireKeys, fetchDesires, type DesireSort } from '../api/desires.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { LoadMoreFooter } from '../ui/load-more.tsx';
import { EmptyState, PageError, PageLoading } from '../ui/page-state.tsx';
import { ClustersView } from './clusters-view.tsx';
import { DesireCard } from './desire-card.tsx';
import { DesireForm } from './desire-form.tsx';
import '../ui/page-sections.css';
import './desires.css';

type View = DesireSort | 'clusters';
const VIEWS: { view: View; label: string }[] = [
  { view: 'heat', label: 'Hot' },
  { view: 'new', label: 'New' },
  { view: 'clusters', label: 'Clusters' },
];

function viewFrom(value: string | null): View {
  return VIEWS.find((v) => v.view === value)?.view ?? 'heat';
}

function DesireList({ sort }: { sort: DesireSort }) {
  const query = useInfiniteQuery({
    queryKey: desireKeys.list(sort),
    queryFn: ({ pageParam, signal }) => fetchDesires(sort, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  if (query.isPending) return <PageLoading label="Loading desires…" />;
  if (query.isError && !query.data)
    return (
      <PageError title="Could not load desires" error={query.error} onRetry={() => void query.refetch()} />
    );
  const desires = query.data.pages.flatMap((p) => p.items);
  if (desires.length === 0)
    return (
      <EmptyState title="No open desires">
        <p>Nobody has asked for anything yet. Be the first: describe a shader you would love to see.</p>
      </EmptyState>
    );
  return (
    <>
      <ul className="desire-list" data-testid="desire-list">
        {desires.map((desire) => (
          <li key={desire.id}>
            <DesireCard desire={desire} />
          </li>
        ))}
      </ul>
      <LoadMoreFooter query={query} />
    </>
  );
}

/** /desires: the board of wanted shaders, by heat or newest, with its clusters and a form to ask. */
export function DesiresPage() {
  const [params] = useSearchParams();
  const view = viewFrom(params.get('sort'));
  const { user } = useAuth();
  const location = useLocation();
  const [formOpen, setFormOpen] = useState(false);

  return (
    <section className="desires" aria-labelledby="desires-heading">
      <title>Desires · Fractafrag</title>
      <div className="page-head">
        <div>
          <h1 id="desires-heading">Desires</h1>
          <p className="muted page-lede">
            Shaders people would like to see. Say “me too”, add a bounty, or make one.
          </p>
        </div>
        {user ? (
          <button
            type="button"
            className="button"
            aria-expanded={formOpen}
            aria-controls="desire-form-region"
            onClick={() => setFormOpen((open) => !open)}
            data-testid="desire-form-toggle"
          >
            {formOpen ? 'Hide the form' : 'Post a desire'}
          </button>
        ) : (
          <Link
            className="button"
            to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
          >
            Log in to post a desire
          </Link>
        )}
      </div>
      <div id="desire-form-region">
        {user && formOpen && <DesireForm onCreated={() => setFormOpen(false)} />}
      </div>
      <nav className="status-tabs" aria-label="Order">
        {VIEWS.map((v) => (
          <Link
            key={v.view}
            className="status-tab"
            to={`?sort=${v.view}`}
            aria-current={v.view === view ? 'page' : undefined}
            data-testid={`desires-view-${v.view}`}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {view === 'clusters' ? <ClustersView /> : <DesireList key={view} sort={view} />}
    </section>
  );
}
