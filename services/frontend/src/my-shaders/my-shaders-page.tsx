import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { SHADER_STATUSES } from '@fractafrag/contracts';
import { fetchMyShaders, type ShaderStatus } from '../api/shader-writes.ts';
import { LoadMoreFooter } from '../ui/load-more.tsx';
import { EmptyState, PageError, PageLoading } from '../ui/page-state.tsx';
import { MyShaderRow } from './my-shader-row.tsx';
import '../ui/page-sections.css';
import './my-shaders.css';

const TAB_LABELS: Record<ShaderStatus, string> = {
  draft: 'Drafts',
  published: 'Published',
  archived: 'Archived',
};

const EMPTY_TEXT: Record<ShaderStatus, string> = {
  draft: 'No drafts. Anything you save without publishing waits here.',
  published: 'Nothing published yet. Publish a draft and it joins the feed.',
  archived: 'Nothing archived. Archived shaders leave the feed but keep their page.',
};

function statusFrom(value: string | null): ShaderStatus {
  return SHADER_STATUSES.find((s) => s === value) ?? 'draft';
}

/** /me/shaders: my shaders by status, with edit, publish, archive and delete at hand. */
export function MyShadersPage() {
  const [params] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const query = useInfiniteQuery({
    queryKey: ['my-shaders', status],
    queryFn: ({ pageParam, signal }) => fetchMyShaders(status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const shaders = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="my-shaders" aria-labelledby="my-shaders-heading">
      <title>{`My shaders · ${TAB_LABELS[status]} · Fractafrag`}</title>
      <div className="page-head">
        <h1 id="my-shaders-heading">My shaders</h1>
        <Link className="button" to="/new">
          New shader
        </Link>
      </div>
      <nav className="status-tabs" aria-label="Shader status">
        {SHADER_STATUSES.map((s) => (
          <Link
            key={s}
            className="status-tab"
            to={`?status=${s}`}
            aria-current={s === status ? 'page' : undefined}
            data-testid={`status-tab-${s}`}
          >
            {TAB_LABELS[s]}
          </Link>
        ))}
      </nav>
      {query.isPending ? (
        <PageLoading label="Loading your shaders…" />
      ) : query.isError && !query.data ? (
        <PageError
          title="Could not load your shaders"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : shaders.length === 0 ? (
        <EmptyState title={`No ${TAB_LABELS[status].toLowerCase()} shaders`}>
          <p>{EMPTY_TEXT[status]}</p>
          <Link className="button" to="/new">
            Write a shader
          </Link>
        </EmptyState>
      ) : (
        <>
          <ul className="my-shader-list" data-testid="my-shader-list" data-status={status}>
            {shaders.map((shader) => (
              <MyShaderRow key={shader.id} shader={shader} />
            ))}
          </ul>
          <LoadMoreFooter query={query} />
        </>
      )}
    </section>
  );
}
