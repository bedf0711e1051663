import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ShaderSummary } from '@fractafrag/contracts';
import { changeShaderStatus, deleteShader, type ShaderStatus } from '../api/shader-writes.ts';
import { InlineError } from '../ui/page-state.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const RENDER_LABELS: Record<ShaderSummary['renderState'], string> = {
  queued: 'render queued',
  rendering: 'rendering',
  ready: 'rendered',
  failed: 'render failed',
};

/** The status moves offered from each status (the API's transitions). */
const MOVES: Record<ShaderStatus, { to: ShaderStatus; label: string }[]> = {
  draft: [{ to: 'published', label: 'Publish' }],
  published: [{ to: 'archived', label: 'Archive' }],
  archived: [{ to: 'published', label: 'Publish again' }],
};

/** One of my shaders with its quick actions: edit, publish / archive, delete (after a confirmation). */
export function MyShaderRow({ shader }: { shader: ShaderSummary }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['my-shaders'] }),
      queryClient.invalidateQueries({ queryKey: ['feed'] }),
      queryClient.invalidateQueries({ queryKey: ['shader', shader.id] }),
    ]);
  const move = useMutation({
    mutationFn: (to: ShaderStatus) => changeShaderStatus(shader.id, to),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => deleteShader(shader.id),
    onSuccess: async () => {
      setConfirming(false);
      queryClient.removeQueries({ queryKey: ['shader', shader.id] });
      await refresh();
    },
  });
  const titleId = `my-shader-${shader.id}`;
  const busy = move.isPending || remove.isPending;

  return (
    <li className="my-shader" data-testid="my-shader" data-shader-id={shader.id} aria-labelledby={titleId}>
      {shader.thumbnailUrl ? (
        <img
          className="my-shader-thumb"
          src={shader.thumbnailUrl}
          alt=""
          width={160}
          height={90}
          loading="lazy"
        />
      ) : (
        <div className="my-shader-thumb thumb-placeholder" aria-hidden="true" />
      )}
      <div className="my-shader-main">
        <h2 className="my-shader-title" id={titleId}>
          <Link to={`/s/${shader.id}`}>{shader.title}</Link>
        </h2>
        <p className="muted my-shader-meta">
          v{shader.currentVersion} · {shader.visibility} ·{' '}
          <span data-render-state={shader.renderState}>{RENDER_LABELS[shader.renderState]}</span> ·{' '}
          {dateFormat.format(new Date(shader.publishedAt ?? shader.createdAt))}
        </p>
        <InlineError error={move.error ?? remove.error} />
      </div>
      <div className="my-shader-actions">
        <Link
          className="button button-quiet button-small"
          to={`/s/${shader.id}/edit`}
          aria-describedby={titleId}
        >
          Edit
        </Link>
        {MOVES[shader.status].map((m) => (
          <button
            key={m.to}
            type="button"
            className="button button-quiet button-small"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => move.mutate(m.to)}
          >
            {move.isPending && move.variables === m.to ? `${m.label}…` : m.label}
          </button>
        ))}
        <button
          type="button"
          className="button button-danger button-small"
          disabled={busy}
          aria-describedby={titleId}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${shader.title}”?`}
        confirmLabel="Delete for good"
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>It disappears from the feed, your profile and every link to it, with all its versions.</p>
        <InlineError error={remove.error} />
      </ConfirmDialog>
    </li>
  );
}
