import type { MouseTracker } from './mouse-tracker.ts';
import type { ShaderRuntime } from './runtime.ts';

export interface FrameLoopTick {
  time: number;
  frame: number;
  fps: number;
}

export interface FrameLoopOptions {
  mouse?: MouseTracker;
  onFrame?: (tick: FrameLoopTick) => void;
  /** Start playing immediately (default true). */
  autoplay?: boolean;
}

export interface FrameLoop {
  readonly playing: boolean;
  readonly time: number;
  play(): void;
  pause(): void;
  toggle(): void;
  /** Jump to a shader time; a paused loop draws that frame once. */
  seek(time: number): void;
  /** Back to time 0 and frame 0 with cleared buffers. */
  restart(): void;
  dispose(): void;
}

/** Longest step one frame may advance, so a backgrounded tab does not jump ahead on return. */
const MAX_STEP_SECONDS = 0.25;

/** Play/pause loop on requestAnimationFrame for live canvases (feed cards, shader page, editor). */
export function createFrameLoop(runtime: ShaderRuntime, options: FrameLoopOptions = {}): FrameLoop {
  let playing = false;
  let time = 0;
  let frame = 0;
  let fps = 60;
  let lastNow: number | null = null;
  let handle: number | null = null;

  const draw = (timeDelta: number) => {
    if (runtime.isContextLost()) {
      stop();
      return;
    }
    runtime.renderFrame({ time, frame, timeDelta, frameRate: fps, mouse: options.mouse?.read() });
    options.onFrame?.({ time, frame, fps });
    frame++;
  };
  const tick = (now: number) => {
    handle = requestAnimationFrame(tick);
    const step = lastNow === null ? 0 : Math.min(MAX_STEP_SECONDS, (now - lastNow) / 1000);
    lastNow = now;
    if (step > 0) fps = fps * 0.9 + (1 / step) * 0.1;
    time += step;
    draw(step);
  };
  const stop = () => {
    playing = false;
    lastNow = null;
    if (handle !== null) cancelAnimationFrame(handle);
    handle = null;
  };

  const loop: FrameLoop = {
    get playing() {
      return playing;
    },
    get time() {
      return time;
    },
    play() {
      if (playing || runtime.isContextLost()) return;
      playing = true;
      handle = requestAnimationFrame(tick);
    },
    pause: stop,
    toggle() {
      if (playing) loop.pause();
      else loop.play();
    },
    seek(to) {
      time = Math.max(0, to);
      if (!playing) draw(0);
    },
    restart() {
      time = 0;
      frame = 0;
      runtime.resetBuffers();
      if (!playing) draw(0);
    },
    dispose: stop,
  };
  if (options.autoplay ?? true) loop.play();
  else draw(0);
  return loop;
}
