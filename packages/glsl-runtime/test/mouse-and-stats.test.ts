import { describe, expect, it } from 'vitest';
import { frameStats } from '../src/frame-stats.ts';
import { mouseUniform } from '../src/mouse.ts';

describe('mouseUniform', () => {
  const at = { x: 30, y: 40, clickX: 10, clickY: 20 };
  it('is positive z and w on the click frame', () => {
    expect(mouseUniform({ ...at, down: true, clicked: true })).toEqual([30, 40, 10, 20]);
  });
  it('keeps z positive and turns w negative while held', () => {
    expect(mouseUniform({ ...at, down: true, clicked: false })).toEqual([30, 40, 10, -20]);
  });
  it('turns z and w negative after release, keeping the last position', () => {
    expect(mouseUniform({ ...at, down: false, clicked: false })).toEqual([30, 40, -10, -20]);
  });
});

describe('frameStats', () => {
  const pixels = (count: number, pick: (i: number) => [number, number, number]) => {
    const data = new Uint8Array(count * 4);
    for (let i = 0; i < count; i++) data.set([...pick(i), 255], i * 4);
    return data;
  };
  it('reports one flat colour as blank with its hex', () => {
    expect(frameStats(pixels(100, () => [255, 0, 0]))).toEqual({ avgColor: '#ff0000', blank: true });
  });
  it('tolerates a little dither noise in a flat frame', () => {
    expect(frameStats(pixels(100, (i) => [128 + (i % 2), 64, 0])).blank).toBe(true);
  });
  it('reports a gradient as not blank with its mean', () => {
    const stats = frameStats(pixels(256, (i) => [i, 0, 255 - i]));
    expect(stats.blank).toBe(false);
    expect(stats.avgColor).toBe('#800080');
  });
});
