import { decodeForFeatures } from './decode.ts';
import { visualEmbedding } from './features.ts';
import { perceptualHash } from './phash.ts';

export { decodeForFeatures, WORK_HEIGHT, WORK_WIDTH } from './decode.ts';
export { dct2d } from './dct.ts';
export {
  GROUP_WEIGHTS,
  VISUAL_DIM,
  colourFeatures,
  edgeFeatures,
  frequencyFeatures,
  layoutFeatures,
  standardise,
  visualEmbedding,
  type LumaImage,
  type RgbImage,
} from './features.ts';
export { PHASH_SIZE, hammingDistance, perceptualHash } from './phash.ts';

export interface VisualFeatures {
  /** VISUAL_DIM numbers, unit length: for `shaders.visual_embedding` (cosine). */
  embedding: number[];
  /** 64 '0'/'1' characters: for `shaders.visual_hash` (bit(64), Hamming distance). */
  hash: string;
}

/** The visual embedding and perceptual hash of one image (a thumbnail path or its bytes). */
export async function extractVisualFeatures(input: string | Buffer): Promise<VisualFeatures> {
  const { rgb, luma } = await decodeForFeatures(input);
  return { embedding: visualEmbedding(rgb, luma), hash: perceptualHash(luma.data) };
}
