import { IDLE_MOUSE, type MouseState } from './mouse.ts';

export interface MouseTracker {
  /** The state for the next frame; the click flag is consumed by reading it. */
  read(): MouseState;
  dispose(): void;
}

/** Tracks the pointer over a canvas in canvas pixels, origin bottom-left (like fragCoord). */
export function trackMouse(canvas: HTMLCanvasElement): MouseTracker {
  let state: MouseState = { ...IDLE_MOUSE };
  const position = (event: PointerEvent) => {
    const rect = canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * canvas.width) / Math.max(1, rect.width);
    const y = ((rect.bottom - event.clientY) * canvas.height) / Math.max(1, rect.height);
    return { x: Math.round(x), y: Math.round(y) };
  };
  const onDown = (event: PointerEvent) => {
    const { x, y } = position(event);
    canvas.setPointerCapture(event.pointerId);
    state = { x, y, clickX: x, clickY: y, down: true, clicked: true };
  };
  const onMove = (event: PointerEvent) => {
    if (!state.down) return;
    state = { ...state, ...position(event) };
  };
  const onUp = () => {
    state = { ...state, down: false };
  };
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  return {
    read() {
      const current = state;
      if (state.clicked) state = { ...state, clicked: false };
      return current;
    },
    dispose() {
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
    },
  };
}
