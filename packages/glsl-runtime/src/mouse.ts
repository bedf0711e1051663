/**
 * Pointer state in canvas pixels (origin bottom-left, like fragCoord). `down` while a button is
 * held; `clicked` only on the first frame after the press.
 */
export interface MouseState {
  x: number;
  y: number;
  clickX: number;
  clickY: number;
  down: boolean;
  clicked: boolean;
}

export const IDLE_MOUSE: MouseState = { x: 0, y: 0, clickX: 0, clickY: 0, down: false, clicked: false };

/**
 * iMouse with Shadertoy's sign conventions: xy is the last position while pressed; zw the click
 * position, z positive while the button is down, w positive only on the click frame.
 */
export function mouseUniform(m: MouseState): [number, number, number, number] {
  return [
    m.x,
    m.y,
    m.down ? Math.abs(m.clickX) : -Math.abs(m.clickX),
    m.clicked ? Math.abs(m.clickY) : -Math.abs(m.clickY),
  ];
}
