import { useQuery } from '@tanstack/react-query';
import { desireKeys, fetchDesireClusters } from '../api/desires.ts';
import { EmptyState, PageError, PageLoading } from '../ui/page-state.tsx';

const heat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** Clusters of similar desires (largest, then hottest, first): what many people are asking for. */
export function ClustersView() {
  const query = useQuery({
    queryKey: desireKeys.clusters,
    queryFn: ({ signal }) => fetchDesireClusters(signal),
  });
  if (query.isPending) return <PageLoading label="Loading clusters…" />;
  if (query.isError)
    return (
      <PageError title="Could not load clusters" error={query.error} onRetry={() => void query.refetch()} />
    );
  if (query.data.length === 0)
    return (
      <EmptyState title="No clusters yet">
        <p>Desires are grouped with similar ones a moment after they are posted.</p>
      </EmptyState>
    );
  const maxHeat = Math.max(...query.data.map((c) => c.heat), 1e-9);
  return (
    <ul className="cluster-list" data-testid="cluster-list">
      {query.data.map((cluster) => (
        <li key={cluster.id} className="cluster" data-testid="cluster">
          <h2 className="cluster-label">{cluster.label}</h2>
          <p className="muted">
            {cluster.size} {cluster.size === 1 ? 'desire' : 'desires'} · {cluster.openCount} open · heat{' '}
            {heat.format(cluster.heat)}
          </p>
          <div className="cluster-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(4, (cluster.heat / maxHeat) * 100)}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
