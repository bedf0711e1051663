import {
  createFrameLoop,
  createShaderRuntime,
  trackMouse,
  type CompileResult,
  type FrameLoop,
  type ShaderRuntime,
  type ShaderSource,
} from '@fractafrag/glsl-runtime';
import { useEffect, useRef, useState } from 'react';

interface LivePreviewProps {
  /** Compiled whenever it changes (the caller debounces typing). */
  source: ShaderSource;
  onCompiled: (result: CompileResult) => void;
}

/** Render at most this many device pixels per CSS pixel: sharp enough, and kind to slow GPUs. */
const MAX_PIXEL_RATIO = 2;

interface Stats {
  fps: number;
  width: number;
  height: number;
}

/** The editor's live canvas: the shared runtime and frame loop, with FPS, resolution, play/pause. */
export function LivePreview({ source, onCompiled }: LivePreviewProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const runtimeRef = useRef<ShaderRuntime | null>(null);
  const loopRef = useRef<FrameLoop | null>(null);
  const fpsRef = useRef(0);
  const sourceRef = useRef(source);
  const compiledRef = useRef<ShaderSource | null>(null);
  const onCompiledRef = useRef(onCompiled);
  sourceRef.current = source;
  onCompiledRef.current = onCompiled;
  // A lost WebGL context cannot come back: a new canvas gets a new one.
  const [canvasGeneration, setCanvasGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [playing, setPlaying] = useState(true);
  const [stats, setStats] = useState<Stats>({ fps: 0, width: 0, height: 0 });

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    // Created here rather than rendered by React: a disposed runtime gives its context back, and
    // that canvas can never get another one (StrictMode's second mount, a lost context).
    const canvas = document.createElement('canvas');
    canvas.className = 'preview-canvas';
    canvas.dataset.testid = 'editor-canvas';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Live preview of the shader');
    frame.prepend(canvas);
    let runtime: ShaderRuntime;
    try {
      runtime = createShaderRuntime(canvas, {
        onContextLost: () => setCanvasGeneration((g) => g + 1),
      });
    } catch (err) {
      canvas.remove();
      setFailure(err instanceof Error ? err.message : String(err));
      return;
    }
    setFailure(null);
    const mouse = trackMouse(canvas);
    runtimeRef.current = runtime;
    compiledRef.current = sourceRef.current;
    onCompiledRef.current(runtime.compile(sourceRef.current));
    const loop = createFrameLoop(runtime, {
      mouse,
      onFrame: (tick) => {
        fpsRef.current = tick.fps;
      },
    });
    loopRef.current = loop;
    setPlaying(true);

    const resize = () => {
      const ratio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);
      const rect = frame.getBoundingClientRect();
      const width = Math.max(1, Math.round(rect.width * ratio));
      const height = Math.max(1, Math.round(rect.height * ratio));
      runtime.setSize(width, height);
      setStats((current) => ({ ...current, width, height }));
      if (!loop.playing) loop.seek(loop.time);
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(frame);
    const statsTimer = window.setInterval(() => {
      setStats({ fps: loop.playing ? fpsRef.current : 0, width: canvas.width, height: canvas.height });
    }, 500);

    return () => {
      window.clearInterval(statsTimer);
      observer.disconnect();
      loop.dispose();
      mouse.dispose();
      runtime.dispose();
      canvas.remove();
      runtimeRef.current = null;
      loopRef.current = null;
    };
  }, [canvasGeneration]);

  useEffect(() => {
    const runtime = runtimeRef.current;
    if (!runtime || compiledRef.current === source) return;
    compiledRef.current = source;
    onCompiledRef.current(runtime.compile(source));
    const loop = loopRef.current;
    if (loop && !loop.playing) loop.seek(loop.time);
  }, [source]);

  const toggle = () => {
    const loop = loopRef.current;
    if (!loop) return;
    loop.toggle();
    setPlaying(loop.playing);
  };
  const restart = () => loopRef.current?.restart();

  return (
    <div className="preview">
      <div className="preview-frame" ref={frameRef}>
        {failure && (
          <div className="preview-failure" role="alert">
            <p>The live preview needs WebGL 2, which this browser could not start.</p>
            <p className="muted">{failure}</p>
          </div>
        )}
      </div>
      <div className="preview-bar">
        <button type="button" className="button button-quiet button-small" onClick={toggle}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={restart}>
          Restart
        </button>
        <span className="preview-stats" data-testid="preview-stats" aria-live="off">
          <span data-testid="preview-fps">{playing ? `${stats.fps.toFixed(0)} fps` : 'paused'}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="preview-resolution">
            {stats.width}×{stats.height}
          </span>
        </span>
      </div>
    </div>
  );
}
