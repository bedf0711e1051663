import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ShaderDetail, ShaderVersionSummary } from '@fractafrag/contracts';
import { fetchVersion, fetchVersions, restoreVersion, shaderKeys } from '../api/shaders.ts';
import { InlineError, PageError, PageLoading } from '../ui/page-state.tsx';
import { SourceDiff } from './source-diff.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type Base = 'previous' | 'current';

function VersionDiff({ shader, version, base }: { shader: ShaderDetail; version: number; base: Base }) {
  const baseVersion = base === 'previous' ? version - 1 : shader.currentVersion;
  const selected = useQuery({
    queryKey: shaderKeys.version(shader.id, version),
    queryFn: ({ signal }) => fetchVersion(shader.id, version, signal),
    staleTime: Infinity, // versions are immutable
  });
  const other = useQuery({
    queryKey: shaderKeys.version(shader.id, baseVersion),
    queryFn: ({ signal }) => fetchVersion(shader.id, baseVersion, signal),
    staleTime: Infinity,
    enabled: baseVersion >= 1 && baseVersion !== version,
  });
  if (baseVersion < 1) return <p className="muted">Version 1 is the first: there is nothing before it.</p>;
  if (baseVersion === version) return <p className="muted">This is the current version.</p>;
  if (selected.isError || other.isError)
    return <PageError title="Could not load the versions" error={selected.error ?? other.error} />;
  if (!selected.data || !other.data) return <PageLoading label="Loading the diff…" />;
  // Older → newer, so + lines are what the newer version added.
  const [from, to] =
    base === 'previous'
      ? [other.data.source, selected.data.source]
      : [selected.data.source, other.data.source];
  return (
    <div>
      <p className="muted diff-caption">
        {base === 'previous'
          ? `What version ${version} changed from version ${baseVersion}`
          : `From version ${version} to the current version ${baseVersion}`}
      </p>
      <SourceDiff from={from} to={to} />
    </div>
  );
}

function VersionRow({
  version,
  isOwner,
  selected,
  onSelect,
  onRestore,
  restoring,
}: {
  version: ShaderVersionSummary;
  isOwner: boolean;
  selected: boolean;
  onSelect: () => void;
  onRestore: () => void;
  restoring: boolean;
}) {
  return (
    <li className={selected ? 'version-row selected' : 'version-row'} data-testid="version-row">
      <div className="version-main">
        <strong>v{version.version}</strong>
        {version.isCurrent ? <span className="chip chip-accent">current</span> : null}
        <span className="version-note">
          {version.changeNote || <em className="muted">No change note</em>}
        </span>
      </div>
      <div className="version-meta muted">
        {version.author.username} · {dateFormat.format(new Date(version.createdAt))}
      </div>
      <div className="version-actions">
        <button
          type="button"
          className="button button-quiet button-small"
          aria-pressed={selected}
          onClick={onSelect}
        >
          {selected ? 'Hide diff' : 'Diff'}
        </button>
        {isOwner && !version.isCurrent ? (
          <button
            type="button"
            className="button button-small"
            onClick={onRestore}
            disabled={restoring}
            data-testid="restore-version"
          >
            Restore
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** The shader's versions, newest first, with a diff of any of them and restore for the owner. */
export function VersionsPanel({ shader, isOwner }: { shader: ShaderDetail; isOwner: boolean }) {
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<number | null>(null);
  const [base, setBase] = useState<Base>('previous');
  const [notice, setNotice] = useState<string | null>(null);
  const versions = useInfiniteQuery({
    queryKey: shaderKeys.versions(shader.id),
    queryFn: ({ pageParam, signal }) => fetchVersions(shader.id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const restore = useMutation({
    mutationFn: (version: number) => restoreVersion(shader.id, version),
    onSuccess: async (created, from) => {
      setNotice(`Restored version ${from} as the new version ${created.version}.`);
      setSelected(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: shaderKeys.versions(shader.id) }),
        queryClient.invalidateQueries({ queryKey: shaderKeys.detail(shader.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: shaderKeys.render(shader.id) }),
      ]);
    },
  });

  if (versions.isPending) return <PageLoading label="Loading versions…" />;
  if (versions.isError) return <PageError error={versions.error} onRetry={() => void versions.refetch()} />;
  const items = versions.data.pages.flatMap((page) => page.items);

  return (
    <div className="versions" data-testid="versions-panel">
      {notice ? (
        <p className="notice-inline" role="status" data-testid="restore-notice">
          {notice}
        </p>
      ) : null}
      <InlineError error={restore.error} />
      <ol className="version-list" aria-label="Versions, newest first">
        {items.map((version) => (
          <VersionRow
            key={version.version}
            version={version}
            isOwner={isOwner}
            selected={selected === version.version}
            onSelect={() => setSelected((s) => (s === version.version ? null : version.version))}
            onRestore={() => {
              setNotice(null);
              restore.mutate(version.version);
            }}
            restoring={restore.isPending}
          />
        ))}
      </ol>
      {versions.hasNextPage ? (
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => void versions.fetchNextPage()}
          disabled={versions.isFetchingNextPage}
        >
          Older versions
        </button>
      ) : null}
      {selected !== null ? (
        <div className="diff-panel" aria-live="polite">
          <fieldset className="segmented">
            <legend className="visually-hidden">Compare with</legend>
            {(['previous', 'current'] as const).map((b) => (
              <label key={b} className={b === base ? 'segment active' : 'segment'}>
                <input type="radio" name="diff-base" checked={b === base} onChange={() => setBase(b)} />
                {b === 'previous' ? 'vs previous' : 'vs current'}
              </label>
            ))}
          </fieldset>
          <VersionDiff shader={shader} version={selected} base={base} />
        </div>
      ) : null}
    </div>
  );
}
