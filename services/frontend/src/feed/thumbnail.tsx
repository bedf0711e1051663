import { useState } from 'react';
import type { ShaderSummary } from '@fractafrag/contracts';

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

/** The server-rendered thumbnail, or a placeholder saying why there is none. */
export function Thumbnail({ shader, eager = false }: { shader: ShaderSummary; eager?: boolean }) {
  const [imageFailed, setImageFailed] = useState(false);
  if (shader.thumbnailUrl && !imageFailed) {
    return (
      <img
        className="thumb"
        src={shader.thumbnailUrl}
        alt=""
        width={640}
        height={360}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        onError={() => setImageFailed(true)}
        data-testid="thumbnail"
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
