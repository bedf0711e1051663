import { useState } from 'react';
import type { ShaderSummary } from '@fractafrag/contracts';

const count = new Intl.NumberFormat(undefined, { notation: 'compact' });

function placeholderText(shader: ShaderSummary, imageFailed: boolean): string {
  if (imageFailed) return 'Thumbnail unavailable';
  switch (shader.renderState) {
    case 'queued':
    case 'rendering':
      return 'Rendering…';
    case 'failed':
      return shader.renderError ?? 'Render failed';
    case 'ready':
      return 'No thumbnail yet';
  }
}

function Thumbnail({ shader }: { shader: ShaderSummary }) {
  const [imageFailed, setImageFailed] = useState(false);
  if (shader.thumbnailUrl && !imageFailed) {
    return (
      <img
        className="thumb"
        src={shader.thumbnailUrl}
        alt={shader.title}
        width={640}
        height={360}
        loading="lazy"
        decoding="async"
        onError={() => setImageFailed(true)}
      />
    );
  }
  const text = placeholderText(shader, imageFailed);
  return (
    <div
      className="thumb thumb-placeholder"
      data-testid="thumbnail-placeholder"
      data-render-state={shader.renderState}
      title={text}
    >
      <span>{text}</span>
    </div>
  );
}

export function ShaderCard({ shader }: { shader: ShaderSummary }) {
  const titleId = `shader-title-${shader.id}`;
  const { up, down } = shader.votes;
  return (
    // Focusable now so the feed is keyboard-navigable; becomes a link once the shader page exists.
    <article
      className="card"
      tabIndex={0}
      aria-labelledby={titleId}
      data-testid="shader-card"
      data-shader-id={shader.id}
    >
      <Thumbnail shader={shader} />
      <div className="card-body">
        <h2 className="card-title" id={titleId}>
          {shader.title}
        </h2>
        <div className="card-meta">
          <span className="card-author">by {shader.author.username}</span>
          <span className="votes">
            <span className="vote" title={`${up} upvotes`}>
              <span aria-hidden="true">▲ </span>
              {count.format(up)}
              <span className="visually-hidden"> upvotes</span>
            </span>
            <span className="vote" title={`${down} downvotes`}>
              <span aria-hidden="true">▼ </span>
              {count.format(down)}
              <span className="visually-hidden"> downvotes</span>
            </span>
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
