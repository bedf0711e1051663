import { beforeAll, describe, expect, it } from 'vitest';
import {
  VISUAL_DIM,
  edgeFeatures,
  extractVisualFeatures,
  hammingDistance,
  perceptualHash,
  decodeForFeatures,
  type VisualFeatures,
} from '../src/index.ts';
import { checkerboard, glowGradient, greenRings, stripes, webp } from './synthetic-images.ts';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('visual features of synthetic thumbnails', () => {
  let original: VisualFeatures;
  let nearCopy: VisualFeatures;
  let recompressed: VisualFeatures;
  let rings: VisualFeatures;
  let checker: VisualFeatures;

  beforeAll(async () => {
    const base = await webp(glowGradient());
    original = await extractVisualFeatures(base);
    // Moved 2% to the right and warmed up a little: what a re-render at another time or a tweak gives.
    nearCopy = await extractVisualFeatures(await webp(glowGradient(0.02, 0.05)));
    // The same picture made smaller and re-encoded as JPEG.
    const sharp = (await import('sharp')).default;
    recompressed = await extractVisualFeatures(
      await sharp(base).resize(320, 180).jpeg({ quality: 60 }).toBuffer(),
    );
    rings = await extractVisualFeatures(await webp(greenRings()));
    checker = await extractVisualFeatures(await webp(checkerboard()));
  });

  it('returns a unit vector of the schema dimension and a 64-bit hash', () => {
    for (const f of [original, nearCopy, rings, checker]) {
      expect(f.embedding).toHaveLength(VISUAL_DIM);
      expect(norm(f.embedding)).toBeCloseTo(1, 9);
      expect(f.hash).toMatch(/^[01]{64}$/);
    }
  });

  it('places a shifted, recoloured copy much closer than a different picture or a checkerboard', () => {
    const copy = cosine(original.embedding, nearCopy.embedding);
    expect(copy).toBeGreaterThan(0.9);
    expect(copy).toBeGreaterThan(cosine(original.embedding, rings.embedding) + 0.3);
    expect(copy).toBeGreaterThan(cosine(original.embedding, checker.embedding) + 0.3);
    expect(cosine(original.embedding, recompressed.embedding)).toBeGreaterThan(0.95);
  });

  it('gives near-duplicates a small pHash Hamming distance and different pictures a large one', () => {
    expect(hammingDistance(original.hash, nearCopy.hash)).toBeLessThanOrEqual(6);
    expect(hammingDistance(original.hash, recompressed.hash)).toBeLessThanOrEqual(4);
    expect(hammingDistance(original.hash, rings.hash)).toBeGreaterThan(16);
    expect(hammingDistance(original.hash, checker.hash)).toBeGreaterThan(16);
  });

  it('is deterministic for the same bytes', async () => {
    const again = await extractVisualFeatures(await webp(glowGradient()));
    expect(again.hash).toBe(original.hash);
    expect(cosine(again.embedding, original.embedding)).toBeCloseTo(1, 12);
  });

  it('still gives a unit vector for a perfectly flat image', async () => {
    const flat = await extractVisualFeatures(await webp(() => [0.5, 0.5, 0.5]));
    expect(norm(flat.embedding)).toBeCloseTo(1, 9);
    expect(flat.embedding.every(Number.isFinite)).toBe(true);
  });

  it('tells vertical stripes from horizontal ones by edge orientation', async () => {
    const vertical = await decodeForFeatures(await webp(stripes('vertical')));
    const horizontal = await decodeForFeatures(await webp(stripes('horizontal')));
    const orientation = (f: number[]) => f.slice(4);
    // Vertical stripes change along x: their gradients point at 0°/180° (the first bin).
    expect(orientation(edgeFeatures(vertical.rgb))[0]).toBeGreaterThan(0.8);
    expect(orientation(edgeFeatures(horizontal.rgb))[4]).toBeGreaterThan(0.8);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits and refuses hashes of different length', () => {
    expect(hammingDistance('0000', '0000')).toBe(0);
    expect(hammingDistance('1010', '0110')).toBe(2);
    expect(() => hammingDistance('1', '10')).toThrow(/different length/);
  });

  it('hashes a 32×32 image into 64 bits, half of them set for a textured image', () => {
    const luma = Float64Array.from(
      { length: 32 * 32 },
      (_, i) => (Math.sin(i * 0.37) + Math.cos(i * 0.11)) / 4 + 0.5,
    );
    const hash = perceptualHash(luma);
    expect(hash).toMatch(/^[01]{64}$/);
    const ones = [...hash].filter((b) => b === '1').length;
    expect(ones).toBeGreaterThanOrEqual(28);
    expect(ones).toBeLessThanOrEqual(36);
  });
});
