/** Lossy WebP qualities, best first, for the frames of an animation. */
const QUALITIES = [0.8, 0.6, 0.45, 0.3] as const;
/** Aim below the budget when choosing a quality from the first frame alone. */
const FIRST_FRAME_MARGIN = 0.85;

/** Bytes of the image inside a base64 data URL. */
export function dataUrlBytes(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length * 3) / 4 - padding;
}

/**
 * The best quality at which `frameCount` frames like the one on the canvas would fit `maxBytes`,
 * with that first frame already encoded (after `encodings` tries). Depends only on the pixels.
 */
export function pickQuality(
  canvas: HTMLCanvasElement,
  frameCount: number,
  maxBytes: number,
): { quality: number; frame: string; encodings: number } {
  let frame = '';
  let encodings = 0;
  for (const quality of QUALITIES) {
    frame = canvas.toDataURL('image/webp', quality);
    encodings++;
    if (dataUrlBytes(frame) * frameCount <= maxBytes * FIRST_FRAME_MARGIN)
      return { quality, frame, encodings };
  }
  return { quality: QUALITIES.at(-1)!, frame, encodings };
}

/** Drops every other frame (a lower frame rate over the same span) until the set fits `maxBytes`. */
export function fitFrames(frames: string[], captured: number[], maxBytes: number) {
  let kept = frames.map((frame, i) => ({ frame, index: captured[i]!, bytes: dataUrlBytes(frame) }));
  const total = () => kept.reduce((sum, f) => sum + f.bytes, 0);
  while (kept.length > 1 && total() > maxBytes) kept = kept.filter((_, i) => i % 2 === 0);
  return { frames: kept.map((f) => f.frame), captured: kept.map((f) => f.index) };
}
