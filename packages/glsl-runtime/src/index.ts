export * from './pure.ts';
export type { BufferFormat } from './render-targets.ts';
export {
  createShaderRuntime,
  RENDER_AT_FPS,
  RENDER_AT_MAX_FRAMES,
  type ShaderRuntime,
  type ShaderRuntimeOptions,
  type FrameInput,
  type RenderAtOptions,
  type RuntimeInfo,
  type DrawWait,
} from './runtime.ts';
export { trackMouse, type MouseTracker } from './mouse-tracker.ts';
export { createFrameLoop, type FrameLoop, type FrameLoopOptions, type FrameLoopTick } from './frame-loop.ts';
