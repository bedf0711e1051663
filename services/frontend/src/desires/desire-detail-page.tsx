import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { desireKeys, fetchDesire } from '../api/desires.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { PageError, PageLoading } from '../ui/page-state.tsx';
import { DesireCard } from './desire-card.tsx';
import '../ui/page-sections.css';
import './desires.css';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** /desires/:id: one desire, its cluster and the desires most like it. */
export function DesireDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { status } = useAuth();
  const query = useQuery({
    queryKey: desireKeys.detail(id),
    queryFn: ({ signal }) => fetchDesire(id, signal),
    // supportedByMe depends on who asks: wait for the session.
    enabled: status !== 'loading',
  });
  if (query.isPending) return <PageLoading label="Loading the desire…" />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <PageError
        title={missing ? 'Desire not found' : 'Could not load the desire'}
        error={query.error}
        {...(missing ? {} : { onRetry: () => void query.refetch() })}
      >
        <p>
          <Link to="/desires">Back to the desires</Link>
        </p>
      </PageError>
    );
  }
  const desire = query.data;
  return (
    <section className="desire-detail" aria-label="Desire">
      <title>{`${desire.prompt} · Desires · Fractafrag`}</title>
      <h1 className="visually-hidden">Desire</h1>
      <p className="breadcrumb">
        <Link to="/desires">← All desires</Link>
      </p>
      <DesireCard desire={desire} />
      <div className="desire-side">
        <h2>Cluster</h2>
        {desire.cluster ? (
          <p data-testid="desire-cluster">
            <strong>{desire.cluster.label}</strong>{' '}
            <span className="muted">
              ({desire.cluster.size} {desire.cluster.size === 1 ? 'desire' : 'desires'})
            </span>
          </p>
        ) : (
          <p className="muted">Not clustered yet: that happens a moment after posting.</p>
        )}
        <h2>Similar desires</h2>
        {desire.similar.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="similar-desires" data-testid="similar-desires">
            {desire.similar.map((other) => (
              <li key={other.id}>
                <Link to={`/desires/${other.id}`}>{other.prompt}</Link>{' '}
                <span className="muted">
                  {percent.format(Math.max(0, other.similarity))} similar · {other.status}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
