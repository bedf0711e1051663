import { PASS_ORDER, type BufferName, type BuiltinTextureName } from './types.ts';

/** Shadertoy's fixed ids and media, shared by the JSON import and export. */

export const SHADERTOY_BUFFER_IDS: Record<BufferName, string> = {
  'Buffer A': '4dXGR8',
  'Buffer B': 'XsXGR8',
  'Buffer C': '4sXGR8',
  'Buffer D': 'XdfGR8',
};
/** Older API replies use numeric output ids 257–260 for Buffers A–D. */
export const NUMERIC_BUFFER_IDS: Record<string, BufferName> = {
  '257': 'Buffer A',
  '258': 'Buffer B',
  '259': 'Buffer C',
  '260': 'Buffer D',
};
export const IMAGE_OUTPUT_ID = '4dfGRr';
export const BUFFER_PREVIEW = (b: BufferName) => `/media/previz/buffer0${PASS_ORDER.indexOf(b)}.png`;

export interface KnownTexture {
  name: string;
  id: string;
  hash: string;
  ext: 'png' | 'jpg';
  /** Single-channel textures fall back to gray noise, the rest to RGBA noise. */
  gray: boolean;
}
/** Shadertoy's texture library, by media hash (file name) and asset id. */
export const TEXTURES: KnownTexture[] = [
  tex(
    'RGBA Noise Medium',
    'Xsf3zn',
    'f735bee5b64ef98879dc618b016ecf7939a5756040c2cde21ccb15e69a6e1cfb',
    false,
  ),
  tex(
    'RGBA Noise Small',
    'XdXGzn',
    '3083c722c0c738cad0f468383167a0d246f91af2bfa373e9c5c094fb8c8413e0',
    false,
  ),
  tex(
    'Gray Noise Medium',
    '4dXGzn',
    '0c7bf5fe9462d5bffbd11126e82908e39be3ce56220d900f633d58fb432e56f5',
    true,
  ),
  tex('Gray Noise Small', '4sf3Rn', '0a40562379b63dfb89227e6d172f39fdce9022cba76623f1054a2c83d6c0ba5d', true),
  tex('Bayer', 'Xdf3zn', '85a6d68622b36995ccb98a89bbb119edf167c914660e4450d313de049320005c', true),
  tex('Blue Noise', 'XsBSR3', 'cb49c003b454385aa9975733aff4571c62182ccdda480aaba9a8d250014f00ec', true),
  tex('Font 1', '4dXGzr', '08b42b43ae9d3c0605da11d0eac86618ea888e62cdd9518ee8b9097488b31560', false),
  tex('London', '4dfGRn', '8de3a3924cb95bd0e95a443fff0326c869f9d4979cd1d5b6e94e2a01f5be53e9', false, 'jpg'),
  tex(
    'Organic 1',
    'XsXGRn',
    'cd4c518bc6ef165c39d4405b347b51ba40f8d7a065ab0e8d2e4f422cbc1e8a43',
    false,
    'jpg',
  ),
];
function tex(
  name: string,
  id: string,
  hash: string,
  gray: boolean,
  ext: 'png' | 'jpg' = 'png',
): KnownTexture {
  return { name, id, hash, gray, ext };
}
export const BUILTIN_TO_SHADERTOY: Record<BuiltinTextureName, KnownTexture> = {
  'rgba-noise-256': TEXTURES[0]!,
  'gray-noise-256': TEXTURES[2]!,
};

export const UNSUPPORTED_INPUTS: Record<string, string> = {
  sound: 'sound input',
  music: 'music input',
  musicstream: 'music (SoundCloud) input',
  soundcloud: 'music (SoundCloud) input',
  mic: 'microphone input',
  cubemap: 'cubemap input',
  video: 'video input',
  webcam: 'webcam input',
  keyboard: 'keyboard input',
  volume: '3D volume texture input',
};

export function bufferFromOutputId(id: string | undefined): BufferName | undefined {
  if (id === undefined) return undefined;
  if (id in NUMERIC_BUFFER_IDS) return NUMERIC_BUFFER_IDS[id];
  return (Object.keys(SHADERTOY_BUFFER_IDS) as BufferName[]).find((b) => SHADERTOY_BUFFER_IDS[b] === id);
}
