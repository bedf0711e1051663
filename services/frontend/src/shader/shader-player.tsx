import { useEffect, useRef, useState } from 'react';
import type { ShaderSource } from '@fractafrag/contracts';
import { useShaderRuntime } from '../live/use-shader-runtime.ts';
import { Icon } from '../ui/icons.tsx';

const MAX_RECREATES = 3;
/** The scrub bar spans at least this many seconds, and grows as the shader plays past it. */
const MIN_SCRUB_SECONDS = 60;

function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
}

function PlayerCanvas({
  source,
  poster,
  onLost,
}: {
  source: ShaderSource;
  poster: string | null;
  onLost: () => void;
}) {
  const frameRef = useRef<HTMLDivElement>(null);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [playing, setPlaying] = useState(true);
  const [time, setTime] = useState(0);
  const [fps, setFps] = useState(0);
  const [scrubMax, setScrubMax] = useState(MIN_SCRUB_SECONDS);
  const [fullscreen, setFullscreen] = useState(false);
  const [posterFailed, setPosterFailed] = useState(false);
  const lastUiUpdate = useRef(0);
  const run = useShaderRuntime(canvas, source, {
    playing,
    mouse: true,
    maxPixelRatio: 2,
    onFrame: (tick) => {
      // Ten UI updates a second are plenty for a clock; the canvas itself runs at full rate.
      const now = performance.now();
      if (now - lastUiUpdate.current < 100) return;
      lastUiUpdate.current = now;
      setTime(tick.time);
      setFps(tick.fps);
      setScrubMax((max) => (tick.time > max ? Math.ceil(tick.time / 30) * 30 : max));
    },
  });

  useEffect(() => {
    if (run.status === 'lost') onLost();
  }, [run.status, onLost]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === frameRef.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frameRef.current?.requestFullscreen();
  };
  const seek = (to: number) => {
    run.loop?.seek(to);
    setTime(to);
  };
  const restart = () => {
    run.loop?.restart();
    setTime(0);
  };
  const ready = run.status === 'running';

  return (
    <div className="player" data-testid="shader-player">
      <div className="player-frame" ref={frameRef}>
        {poster && !posterFailed && !(run.drawn && ready) ? (
          <img className="player-poster" src={poster} alt="" onError={() => setPosterFailed(true)} />
        ) : null}
        <canvas
          ref={setCanvas}
          // A shader that cannot run leaves the server's image (or the dark frame) in view.
          hidden={run.status === 'failed' || run.status === 'unsupported'}
          className="player-canvas"
          data-testid="player-canvas"
          data-live-state={run.status}
          aria-label="Live shader; drag to move the mouse input"
        />
        {run.status === 'failed' ? (
          <div className="player-overlay error-message" role="alert">
            <strong>This shader does not compile in your browser.</strong>
            <ul>
              {run.errors.map((error, index) => (
                <li key={index}>
                  {error.pass}
                  {error.line === null ? '' : `:${error.line}`} {error.message}
                </li>
              ))}
            </ul>
          </div>
        ) : run.status === 'unsupported' ? (
          <div className="player-overlay" role="status">
            Your browser has no WebGL2, so the shader cannot run live here. The image is the server render.
          </div>
        ) : null}
      </div>
      <div className="player-controls" role="group" aria-label="Playback">
        <button
          type="button"
          className="icon-button"
          onClick={() => setPlaying((p) => !p)}
          disabled={!ready}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="play-pause"
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={restart}
          disabled={!ready}
          aria-label="Restart"
        >
          <Icon name="restart" />
        </button>
        <label className="scrub">
          <span className="visually-hidden">Time in seconds</span>
          <input
            type="range"
            min={0}
            max={scrubMax}
            step={0.1}
            value={Math.min(time, scrubMax)}
            onChange={(event) => seek(Number(event.target.value))}
            disabled={!ready}
            data-testid="time-scrub"
          />
        </label>
        <output className="time" aria-label="Shader time" data-testid="shader-time">
          {formatTime(time)}
        </output>
        <span className="fps muted" title="Frames per second">
          {ready && playing ? `${Math.round(fps)} fps` : ''}
        </span>
        <button
          type="button"
          className="icon-button"
          onClick={toggleFullscreen}
          aria-label={fullscreen ? 'Exit fullscreen' : 'Fullscreen'}
          aria-pressed={fullscreen}
        >
          <Icon name={fullscreen ? 'exitFullscreen' : 'fullscreen'} />
        </button>
      </div>
    </div>
  );
}

/** The shader page's live canvas: play/pause, restart, time scrub, fullscreen and mouse input. */
export function ShaderPlayer({ source, poster }: { source: ShaderSource; poster: string | null }) {
  const [generation, setGeneration] = useState(0);
  const [onLost] = useState(() => () => setGeneration((g) => g + 1));
  if (generation > MAX_RECREATES) {
    return (
      <div className="player panel-error" role="alert">
        <p>The browser keeps dropping this canvas&apos;s WebGL context. Reload the page to try again.</p>
      </div>
    );
  }
  return <PlayerCanvas key={generation} source={source} poster={poster} onLost={onLost} />;
}
