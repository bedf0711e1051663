import { useQuery } from '@tanstack/react-query';
import { fetchSimilar, shaderKeys } from '../api/shaders.ts';
import { ShaderCard } from '../feed/shader-card.tsx';
import { LiveCanvasProvider } from '../live/live-canvas-context.tsx';

/** The player holds one context; the cards here may use a few more, well under the browser's cap. */
const SIMILAR_LIVE_CANVASES = 4;

export function SimilarShaders({ shaderId }: { shaderId: string }) {
  const similar = useQuery({
    queryKey: shaderKeys.similar(shaderId),
    queryFn: ({ signal }) => fetchSimilar(shaderId, signal),
  });
  if (similar.isPending)
    return (
      <p className="muted" role="status">
        Finding similar shaders…
      </p>
    );
  if (similar.isError) return <p className="error-message">{similar.error.message}</p>;
  if (similar.data.length === 0)
    return (
      <p className="muted">No similar shaders yet: they appear once it has been rendered and indexed.</p>
    );
  return (
    <LiveCanvasProvider capacity={SIMILAR_LIVE_CANVASES}>
      <ul className="grid grid-small" data-testid="similar-shaders">
        {similar.data.map((shader) => (
          <li key={shader.id}>
            <ShaderCard shader={shader} />
          </li>
        ))}
      </ul>
    </LiveCanvasProvider>
  );
}
