import sharp from 'sharp';
import { PHASH_SIZE } from './phash.ts';
import type { LumaImage, RgbImage } from './features.ts';

/** The working size of the colour, layout and edge features: a 640×360 thumbnail divided by 5. */
export const WORK_WIDTH = 128;
export const WORK_HEIGHT = 72;

/**
 * Decodes an image (a path or the bytes of any format sharp reads: WebP, PNG, JPEG, …) into the two
 * small images the features are computed from: RGB at 128×72 and greyscale at 32×32, both resized
 * with sharp's default (Lanczos) filter and with any alpha dropped. Other aspect ratios are
 * stretched, so that every image is described on the same grid.
 */
export async function decodeForFeatures(input: string | Buffer): Promise<{ rgb: RgbImage; luma: LumaImage }> {
  const [rgb, grey] = await Promise.all([
    sharp(input)
      .removeAlpha()
      .toColourspace('srgb')
      .resize(WORK_WIDTH, WORK_HEIGHT, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true }),
    sharp(input)
      .removeAlpha()
      .greyscale()
      .resize(PHASH_SIZE, PHASH_SIZE, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ]);
  if (rgb.info.channels !== 3 || grey.info.channels !== 1) {
    throw new Error(`unexpected channel count after decoding (${rgb.info.channels}, ${grey.info.channels})`);
  }
  return {
    rgb: { width: WORK_WIDTH, height: WORK_HEIGHT, data: new Uint8Array(rgb.data) },
    luma: { size: PHASH_SIZE, data: Float64Array.from(grey.data, (x) => x / 255) },
  };
}
