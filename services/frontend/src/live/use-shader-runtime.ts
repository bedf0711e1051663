import { useEffect, useRef, useState } from 'react';
import {
  createFrameLoop,
  createShaderRuntime,
  trackMouse,
  type CompileError,
  type FrameLoop,
  type FrameLoopTick,
  type ShaderSource,
} from '@fractafrag/glsl-runtime';
import { enqueueCompile } from './compile-queue.ts';

export type RuntimeStatus = 'idle' | 'compiling' | 'running' | 'failed' | 'unsupported' | 'lost';

export interface ShaderRuntimeOptions {
  playing: boolean;
  /** Feed iMouse from the pointer over the canvas. */
  mouse?: boolean;
  /** Cap on device pixels per CSS pixel: feed cards stay cheap, the shader page may go sharper. */
  maxPixelRatio?: number;
  /** Every drawn frame (time, frame, fps). */
  onFrame?: (tick: FrameLoopTick) => void;
}

export interface ShaderRuntimeState {
  status: RuntimeStatus;
  errors: CompileError[];
  /** At least one frame has been drawn on the current canvas. */
  drawn: boolean;
  /** Play, pause, seek and restart; null until the shader runs. */
  loop: FrameLoop | null;
}

/**
 * Runs a shader on `canvas` with the shared GLSL runtime: compiles it (taking turns with other
 * canvases), sizes the drawing buffer to the element, plays or pauses on request and gives the
 * context back when the canvas goes away. A lost context ends in status 'lost': the caller renders a
 * fresh <canvas> (a new key) and this hook starts over on it.
 */
export function useShaderRuntime(
  canvas: HTMLCanvasElement | null,
  source: ShaderSource | undefined,
  options: ShaderRuntimeOptions,
): ShaderRuntimeState {
  const [state, setState] = useState<ShaderRuntimeState>({
    status: 'idle',
    errors: [],
    drawn: false,
    loop: null,
  });
  const playingRef = useRef(options.playing);
  playingRef.current = options.playing;
  const onFrameRef = useRef(options.onFrame);
  onFrameRef.current = options.onFrame;
  const loopRef = useRef<FrameLoop | null>(null);
  const { mouse = false, maxPixelRatio = 1 } = options;

  useEffect(() => {
    if (!canvas || !source) return;
    let disposed = false;
    let cleanup: (() => void) | null = null;
    setState({ status: 'compiling', errors: [], drawn: false, loop: null });
    const cancel = enqueueCompile(() => {
      if (disposed) return;
      let runtime;
      try {
        runtime = createShaderRuntime(canvas, {
          onContextLost: () => {
            loopRef.current?.pause();
            setState((s) => ({ ...s, status: 'lost', loop: null }));
          },
        });
      } catch {
        setState({ status: 'unsupported', errors: [], drawn: false, loop: null });
        return;
      }
      const fit = () => {
        const ratio = Math.min(window.devicePixelRatio || 1, maxPixelRatio);
        const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
        const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
        if (width === canvas.width && height === canvas.height) return;
        runtime.setSize(width, height);
        // A paused canvas redraws its frame at the new size; a playing one does on its next tick.
        if (loopRef.current && !loopRef.current.playing) loopRef.current.seek(loopRef.current.time);
      };
      fit();
      const result = runtime.compile(source);
      if (!result.ok) {
        runtime.dispose();
        setState({ status: 'failed', errors: result.errors, drawn: false, loop: null });
        return;
      }
      const tracker = mouse ? trackMouse(canvas) : null;
      let firstFrame = true;
      const loop = createFrameLoop(runtime, {
        autoplay: playingRef.current,
        ...(tracker ? { mouse: tracker } : {}),
        onFrame: (tick) => {
          onFrameRef.current?.(tick);
          if (firstFrame) {
            firstFrame = false;
            setState((s) => ({ ...s, drawn: true }));
          }
        },
      });
      loopRef.current = loop;
      const resize = new ResizeObserver(fit);
      resize.observe(canvas);
      setState((s) => ({ ...s, status: 'running', errors: [], loop }));
      cleanup = () => {
        resize.disconnect();
        loop.dispose();
        tracker?.dispose();
        runtime.dispose();
        loopRef.current = null;
      };
    });
    return () => {
      disposed = true;
      cancel();
      cleanup?.();
    };
  }, [canvas, source, mouse, maxPixelRatio]);

  useEffect(() => {
    const loop = state.loop;
    if (!loop) return;
    if (options.playing) loop.play();
    else loop.pause();
  }, [options.playing, state.loop]);

  return state;
}
