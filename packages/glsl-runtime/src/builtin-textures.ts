import type { BuiltinTextureName } from './types.ts';

/** Pixels of a built-in texture: RGBA8, row-major, `width * height * 4` bytes. */
export interface TextureImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export const NOISE_TEXTURE_SIZE = 256;

/** mulberry32: a tiny seeded PRNG, so every browser and the renderer build identical noise. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Green (alpha) is red (blue) shifted by (37, 17) texels, as in Shadertoy's RGBA noise: the classic
 * 3D value-noise trick `texture(iChannel0, (uv + vec2(37, 17) * p.z + 0.5) / 256.0).yx` relies on it.
 */
export const NOISE_LAYER_OFFSET = [37, 17] as const;

function rgbaNoise(): TextureImage {
  const size = NOISE_TEXTURE_SIZE;
  const next = createPrng(0x5eed_0001);
  const red = new Uint8Array(size * size);
  const blue = new Uint8Array(size * size);
  for (let i = 0; i < red.length; i++) {
    red[i] = next() & 0xff;
    blue[i] = next() & 0xff;
  }
  const [dx, dy] = NOISE_LAYER_OFFSET;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const shifted = ((y - dy) & (size - 1)) * size + ((x - dx) & (size - 1));
      data[i * 4] = red[i]!;
      data[i * 4 + 1] = red[shifted]!;
      data[i * 4 + 2] = blue[i]!;
      data[i * 4 + 3] = blue[shifted]!;
    }
  }
  return { width: size, height: size, data };
}

function grayNoise(): TextureImage {
  const size = NOISE_TEXTURE_SIZE;
  const next = createPrng(0x5eed_0002);
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const v = next() & 0xff;
    data.set([v, v, v, 255], i * 4);
  }
  return { width: size, height: size, data };
}

export function generateBuiltinTexture(name: BuiltinTextureName): TextureImage {
  switch (name) {
    case 'rgba-noise-256':
      return rgbaNoise();
    case 'gray-noise-256':
      return grayNoise();
  }
}
