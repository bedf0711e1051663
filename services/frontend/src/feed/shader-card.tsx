import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ShaderSummary } from '@fractafrag/contracts';
import { reportReplay } from '../api/shaders.ts';
import { useLiveSlot } from '../live/live-canvas-context.tsx';
import { VoteButtons } from '../social/vote-buttons.tsx';
import { Icon } from '../ui/icons.tsx';
import { trackDwell } from './dwell-tracker.ts';
import { LiveCardCanvas } from './live-card-canvas.tsx';
import { Thumbnail } from './thumbnail.tsx';

/**
 * A shader in a grid: its server thumbnail, brought to life by a live canvas while the card is in
 * view or hovered (when the page's live-canvas pool grants it one), with vote and replay buttons.
 */
export function ShaderCard({ shader, eager = false }: { shader: ShaderSummary; eager?: boolean }) {
  const cardRef = useRef<HTMLElement>(null);
  const slot = useLiveSlot(cardRef);
  const [replayCount, setReplayCount] = useState(0);
  const { markUnavailable, setHovered } = slot;
  const onUnavailable = useCallback(() => markUnavailable(), [markUnavailable]);
  const titleId = `shader-title-${shader.id}`;
  const href = `/s/${shader.id}`;

  useEffect(() => {
    const element = cardRef.current;
    return element ? trackDwell(element, shader.id) : undefined;
  }, [shader.id]);

  const replay = () => {
    setHovered(true);
    setReplayCount((n) => n + 1);
    reportReplay(shader.id).catch(() => undefined);
  };

  return (
    <article
      ref={cardRef}
      className="card"
      aria-labelledby={titleId}
      data-testid="shader-card"
      data-shader-id={shader.id}
      data-live={slot.leased ? (slot.playing ? 'playing' : 'paused') : 'off'}
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setHovered(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHovered(false);
      }}
    >
      {/* A second way to the same page for pointer users; keyboard users reach it by the title. */}
      <Link className="card-media" to={href} tabIndex={-1} aria-hidden="true">
        <Thumbnail shader={shader} eager={eager} />
        {slot.leased ? (
          <LiveCardCanvas
            shaderId={shader.id}
            playing={slot.playing}
            replayCount={replayCount}
            onUnavailable={onUnavailable}
          />
        ) : null}
      </Link>
      <div className="card-body">
        <h2 className="card-title" id={titleId}>
          <Link to={href}>{shader.title}</Link>
        </h2>
        <div className="card-meta">
          <Link className="card-author" to={`/u/${encodeURIComponent(shader.author.username)}`}>
            by {shader.author.username}
          </Link>
          <span className="card-actions">
            <button
              type="button"
              className="icon-button"
              onClick={replay}
              aria-label={`Replay ${shader.title}`}
              title="Replay from the start"
              data-testid="replay"
            >
              <Icon name="replay" size={16} />
            </button>
            <VoteButtons shaderId={shader.id} authorId={shader.author.id} votes={shader.votes} />
          </span>
        </div>
      </div>
    </article>
  );
}

export function ShaderCardSkeleton() {
  return (
    <div className="card card-skeleton" aria-hidden="true">
      <div className="thumb" />
      <div className="card-body">
        <div className="skeleton-line" />
        <div className="skeleton-line short" />
      </div>
    </div>
  );
}
