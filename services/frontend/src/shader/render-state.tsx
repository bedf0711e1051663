import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RenderStatus } from '@fractafrag/contracts';
import { fetchRenderStatus, shaderKeys } from '../api/shaders.ts';

const POLL_MS = 1500;
const LABELS: Record<RenderStatus['state'], string> = {
  queued: 'Queued for rendering',
  rendering: 'Rendering…',
  ready: 'Rendered',
  failed: 'Render failed',
};

const inProgress = (state: RenderStatus['state'] | undefined) => state === 'queued' || state === 'rendering';

/**
 * The server render of the current version, followed live: polled while queued or rendering, then
 * the shader is refetched so its new thumbnail shows. A failure shows the renderer's reason.
 */
export function RenderState({ shaderId }: { shaderId: string }) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: shaderKeys.render(shaderId),
    queryFn: ({ signal }) => fetchRenderStatus(shaderId, signal),
    refetchInterval: (query) => (inProgress(query.state.data?.state) ? POLL_MS : false),
    staleTime: 0,
  });
  const state = status.data?.state;

  // A render that finishes while the page is open brings a new thumbnail and render state.
  const previous = useRef(state);
  useEffect(() => {
    const was = previous.current;
    previous.current = state;
    if (inProgress(was) && (state === 'ready' || state === 'failed'))
      void queryClient.invalidateQueries({ queryKey: shaderKeys.detail(shaderId), exact: true });
  }, [state, shaderId, queryClient]);

  if (!status.data) {
    return status.isError ? (
      <p className="render-state muted" data-testid="render-state" data-state="unknown">
        Render status unavailable
      </p>
    ) : null;
  }
  const { data } = status;
  const stale =
    data.state === 'ready' && data.renderedVersion !== null && data.renderedVersion < data.currentVersion;
  return (
    <div
      className={`render-state render-${data.state}`}
      data-testid="render-state"
      data-state={data.state}
      role="status"
      aria-live="polite"
    >
      <span className="render-dot" aria-hidden="true" />
      <span>
        {LABELS[data.state]}
        {inProgress(data.state) ? ` (version ${data.currentVersion})` : ''}
        {stale ? ` (thumbnail shows version ${data.renderedVersion})` : ''}
      </span>
      {data.state === 'failed' && data.error ? (
        <code className="render-error error-message" data-testid="render-error">
          {data.error}
        </code>
      ) : null}
    </div>
  );
}
