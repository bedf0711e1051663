/** The DOM-free half of the runtime (wrapping, log mapping, frame stats, textures), safe in Node. */
export * from './types.ts';
export { wrapPassSource, sourceLines, type WrappedPass } from './wrap.ts';
export { parseCompileLog, dedupeErrors } from './compile-log.ts';
export {
  generateBuiltinTexture,
  createPrng,
  NOISE_TEXTURE_SIZE,
  NOISE_LAYER_OFFSET,
  type TextureImage,
} from './builtin-textures.ts';
export { mouseUniform, IDLE_MOUSE, type MouseState } from './mouse.ts';
export { frameStats, type FrameStats } from './frame-stats.ts';
export * from './shadertoy-json.ts';
