import { describe, expect, it } from 'vitest';
import { generateBuiltinTexture, NOISE_LAYER_OFFSET } from '../src/builtin-textures.ts';

describe('built-in textures', () => {
  it('generates the same noise on every call (seeded)', () => {
    const a = generateBuiltinTexture('rgba-noise-256');
    const b = generateBuiltinTexture('rgba-noise-256');
    expect(a.width).toBe(256);
    expect(a.data.length).toBe(256 * 256 * 4);
    expect(a.data).toEqual(b.data);
  });

  it('looks like noise: channel mean near 127.5 and all byte values used', () => {
    const { data } = generateBuiltinTexture('rgba-noise-256');
    const red = data.filter((_, i) => i % 4 === 0);
    const mean = red.reduce((s, v) => s + v, 0) / red.length;
    expect(mean).toBeGreaterThan(124);
    expect(mean).toBeLessThan(131);
    expect(new Set(red).size).toBe(256);
  });

  it("stores red shifted by (37, 17) in green, for Shadertoy's 3D noise trick", () => {
    const { data } = generateBuiltinTexture('rgba-noise-256');
    const [dx, dy] = NOISE_LAYER_OFFSET;
    const at = (x: number, y: number, c: number) => data[((y & 255) * 256 + (x & 255)) * 4 + c];
    for (const [x, y] of [
      [0, 0],
      [10, 250],
      [255, 255],
      [100, 3],
    ] as const) {
      expect(at(x + dx, y + dy, 1)).toBe(at(x, y, 0));
      expect(at(x + dx, y + dy, 3)).toBe(at(x, y, 2));
    }
  });

  it('makes gray noise with equal RGB and opaque alpha', () => {
    const { data } = generateBuiltinTexture('gray-noise-256');
    for (let i = 0; i < 4096; i += 4) {
      expect(data[i + 1]).toBe(data[i]);
      expect(data[i + 2]).toBe(data[i]);
      expect(data[i + 3]).toBe(255);
    }
  });
});
