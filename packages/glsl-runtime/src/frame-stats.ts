/** What the renderer reports about a frame: its mean colour and whether it is one flat colour. */
export interface FrameStats {
  avgColor: string;
  blank: boolean;
}

/** A frame whose channels all vary by at most this much (of 255) counts as one flat colour. */
const FLAT_TOLERANCE = 2;

const hex = (v: number) => Math.round(v).toString(16).padStart(2, '0');

/**
 * Stats of RGBA8 pixels (as read by readPixels). NaN outputs arrive here as 0 (GPUs write NaN to
 * 8-bit targets as zero), so an all-NaN frame is flat black and counts as blank.
 */
export function frameStats(pixels: Uint8Array | Uint8ClampedArray): FrameStats {
  const count = Math.floor(pixels.length / 4);
  if (count === 0) return { avgColor: '#000000', blank: true };
  const sum = [0, 0, 0];
  const min = [255, 255, 255];
  const max = [0, 0, 0];
  for (let i = 0; i < count * 4; i += 4) {
    for (let c = 0; c < 3; c++) {
      const v = pixels[i + c]!;
      sum[c]! += v;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
  }
  const avgColor = `#${sum.map((s) => hex(s / count)).join('')}`;
  const blank = max.every((m, c) => m - min[c]! <= FLAT_TOLERANCE);
  return { avgColor, blank };
}
