import { dct2d } from './dct.ts';

/** Side of the greyscale image the hash is computed from. */
export const PHASH_SIZE = 32;
/** The hash keeps the lowest 8×8 frequencies: 64 bits. */
const PHASH_BLOCK = 8;

/**
 * DCT perceptual hash (pHash): the 32×32 greyscale image's DCT, its lowest 8×8 coefficients, one
 * bit each for "above the median of those coefficients" (the DC term, which only says how bright
 * the image is, is left out of the median). Returned as 64 '0'/'1' characters, the text form of
 * Postgres `bit(64)`. Resizing, recompression and small colour or brightness changes flip few bits;
 * a different picture flips about half.
 */
export function perceptualHash(luma: ArrayLike<number>): string {
  const coefficients = dct2d(luma, PHASH_SIZE);
  const low: number[] = [];
  for (let v = 0; v < PHASH_BLOCK; v++) {
    for (let u = 0; u < PHASH_BLOCK; u++) low.push(coefficients[v * PHASH_SIZE + u]!);
  }
  const median = medianOf(low.slice(1));
  return low.map((c) => (c > median ? '1' : '0')).join('');
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Number of differing bits between two hashes of equal length ('0'/'1' strings). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error(`hashes of different length (${a.length}, ${b.length})`);
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d += 1;
  return d;
}
