import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { ShaderDetail } from '@fractafrag/contracts';
import { ApiError } from '../api/client.ts';
import { fetchShader, reportEngagement, shaderKeys } from '../api/shaders.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { trackDwell } from '../feed/dwell-tracker.ts';
import { PageError, PageLoading } from '../ui/page-state.tsx';
import { CodeView } from './code-view.tsx';
import { CommentsPanel } from './comments-panel.tsx';
import { RenderState } from './render-state.tsx';
import { ShaderActions } from './shader-actions.tsx';
import { ShaderPlayer } from './shader-player.tsx';
import { SimilarShaders } from './similar-shaders.tsx';
import { VersionsPanel } from './versions-panel.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const TABS = ['Code', 'Versions', 'Comments'] as const;
type Tab = (typeof TABS)[number];

function DetailTabs({ shader, isOwner }: { shader: ShaderDetail; isOwner: boolean }) {
  const [tab, setTab] = useState<Tab>('Code');
  return (
    <section className="detail-tabs" aria-label="Code, versions and comments">
      <div className="tabs tabs-underline" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`detail-tab-${name}`}
            aria-controls={`detail-panel-${name}`}
            aria-selected={tab === name}
            className="tab"
            onClick={() => setTab(name)}
            data-testid={`tab-${name.toLowerCase()}`}
          >
            {name === 'Versions' ? `Versions (${shader.currentVersion})` : name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`detail-panel-${tab}`} aria-labelledby={`detail-tab-${tab}`}>
        {tab === 'Code' ? <CodeView source={shader.source} /> : null}
        {tab === 'Versions' ? <VersionsPanel shader={shader} isOwner={isOwner} /> : null}
        {tab === 'Comments' ? <CommentsPanel shaderId={shader.id} /> : null}
      </div>
    </section>
  );
}

function ShaderView({ shader }: { shader: ShaderDetail }) {
  const { user } = useAuth();
  const location = useLocation();
  const playerRef = useRef<HTMLDivElement>(null);
  const isOwner = user?.id === shader.author.id;
  const forkedFrom = (location.state as { forkedFrom?: string } | null)?.forkedFrom;

  useEffect(() => {
    reportEngagement(shader.id, { kind: 'view' }).catch(() => undefined);
    const element = playerRef.current;
    return element ? trackDwell(element, shader.id) : undefined;
  }, [shader.id]);

  return (
    <article className="shader-page" data-testid="shader-page" data-shader-id={shader.id}>
      <title>{`${shader.title} · Fractafrag`}</title>
      {forkedFrom ? (
        <p className="notice-inline" role="status" data-testid="fork-notice">
          Forked from “{forkedFrom}”. Your fork is a draft: <Link to={`/editor/${shader.id}`}>edit it</Link>{' '}
          and publish when it is ready.
        </p>
      ) : null}
      <div className="shader-layout">
        <div className="shader-main" ref={playerRef}>
          <ShaderPlayer source={shader.source} poster={shader.thumbnailUrl} />
        </div>
        <aside className="shader-side">
          <h1 className="shader-title" data-testid="shader-title">
            {shader.title}
          </h1>
          <p className="shader-byline muted">
            by <Link to={`/u/${encodeURIComponent(shader.author.username)}`}>{shader.author.username}</Link>
            {' · '}
            {dateFormat.format(new Date(shader.publishedAt ?? shader.createdAt))}
            {' · '}v{shader.currentVersion}
          </p>
          <div className="chips">
            {shader.status !== 'published' ? <span className="chip chip-warn">{shader.status}</span> : null}
            {shader.visibility !== 'public' ? <span className="chip">{shader.visibility}</span> : null}
            <span className="chip">{shader.type}</span>
            {shader.tags.map((tag) => (
              <span className="chip" key={tag}>
                #{tag}
              </span>
            ))}
          </div>
          {shader.forkedFrom ? (
            <p className="muted">
              Forked from <Link to={`/s/${shader.forkedFrom.shaderId}`}>a shader</Link> at version{' '}
              {shader.forkedFrom.version}
            </p>
          ) : null}
          {shader.description ? <p className="shader-description">{shader.description}</p> : null}
          <RenderState shaderId={shader.id} />
          <ShaderActions shader={shader} />
        </aside>
      </div>
      <DetailTabs key={shader.id} shader={shader} isOwner={isOwner} />
      <section className="similar" aria-labelledby="similar-heading">
        <h2 id="similar-heading">Similar shaders</h2>
        <SimilarShaders shaderId={shader.id} />
      </section>
    </article>
  );
}

/** /s/:id — one shader: live canvas, code, versions, comments, similar shaders. */
export function ShaderPage() {
  const { id = '' } = useParams();
  const { status } = useAuth();
  const shader = useQuery({
    queryKey: shaderKeys.detail(id),
    queryFn: ({ signal }) => fetchShader(id, signal),
    // A draft is visible to its author only: wait until the session is restored before asking.
    enabled: status !== 'loading',
  });
  if (shader.isPending) return <PageLoading label="Loading shader…" />;
  if (shader.isError) {
    const missing = shader.error instanceof ApiError && shader.error.status === 404;
    return (
      <PageError
        title={missing ? 'Shader not found' : 'Could not load this shader'}
        error={
          missing
            ? new Error(
                'It may have been deleted, or it is a draft or private shader only its author can see.',
              )
            : shader.error
        }
        {...(missing ? {} : { onRetry: () => void shader.refetch() })}
      >
        <p>
          <Link to="/">Back to the feed</Link>
        </p>
      </PageError>
    );
  }
  return <ShaderView key={shader.data.id} shader={shader.data} />;
}
