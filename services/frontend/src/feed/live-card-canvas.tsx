import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fetchShader, shaderKeys } from '../api/shaders.ts';
import { useShaderRuntime } from '../live/use-shader-runtime.ts';

/** How often one card may recreate a canvas whose context the browser took away. */
const MAX_RECREATES = 3;

interface LiveCardCanvasProps {
  shaderId: string;
  playing: boolean;
  /** Bumped by the card's replay button: start again from time 0. */
  replayCount: number;
  /** The shader cannot run here (no WebGL2, compile error, lost for good): give the slot away. */
  onUnavailable: () => void;
}

function CanvasRun({
  shaderId,
  playing,
  replayCount,
  onLost,
  onUnavailable,
}: LiveCardCanvasProps & { onLost: () => void }) {
  // The source is fetched only for cards that go live, and shared with the shader page's cache.
  const shader = useQuery({
    queryKey: shaderKeys.detail(shaderId),
    queryFn: ({ signal }) => fetchShader(shaderId, signal),
    staleTime: 5 * 60_000,
  });
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const run = useShaderRuntime(canvas, shader.data?.source, { playing, maxPixelRatio: 1 });

  useEffect(() => {
    if (run.status === 'lost') onLost();
    else if (run.status === 'failed' || run.status === 'unsupported' || shader.isError) onUnavailable();
  }, [run.status, shader.isError, onLost, onUnavailable]);

  useEffect(() => {
    if (replayCount > 0) run.loop?.restart();
  }, [replayCount, run.loop]);

  return (
    <canvas
      ref={setCanvas}
      className={run.drawn && run.status === 'running' ? 'live-canvas drawn' : 'live-canvas'}
      data-testid="live-canvas"
      data-live-state={run.status === 'running' ? (playing ? 'playing' : 'paused') : run.status}
      data-drawn={run.drawn ? 'true' : 'false'}
      aria-hidden="true"
    />
  );
}

/**
 * The live canvas over a card's thumbnail. It fades in only once it has drawn, so the thumbnail
 * shows until then; a lost context gets a fresh <canvas> (a new key), a few times at most.
 */
export function LiveCardCanvas(props: LiveCardCanvasProps) {
  const [generation, setGeneration] = useState(0);
  const { onUnavailable } = props;
  const [onLost] = useState(() => () => setGeneration((g) => g + 1));
  useEffect(() => {
    if (generation > MAX_RECREATES) onUnavailable();
  }, [generation, onUnavailable]);
  if (generation > MAX_RECREATES) return null;
  return <CanvasRun key={generation} {...props} onLost={onLost} />;
}
