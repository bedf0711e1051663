import { z } from 'zod';
import { shaderSourceSchema } from './shader-source.ts';

/**
 * Artifacts: a thumbnail (still, 640x360 at 2 s), a poster for the shader page (still, 1280x720)
 * and an animated preview (WebP, 480x270, 3 s from `time` at 15 fps, at most PREVIEW_MAX_BYTES).
 */
export const RENDER_KINDS = ['thumbnail', 'preview', 'poster'] as const;
export type RenderKind = (typeof RENDER_KINDS)[number];
export const RENDER_KIND_DEFAULTS: Record<RenderKind, { width: number; height: number; time: number }> = {
  thumbnail: { width: 640, height: 360, time: 2 },
  poster: { width: 1280, height: 720, time: 2 },
  preview: { width: 480, height: 270, time: 0 },
};
export const PREVIEW_MAX_BYTES = 1024 * 1024;
/** Frames per second of the renderer's simulation: `frame: n` is the still at time n / 30. */
export const RENDER_FRAME_RATE = 30;

/**
 * The pointer of a render, in canvas pixels from the bottom-left (like fragCoord); iMouse follows
 * Shadertoy's sign conventions: by default the button is held, pressed where the pointer is.
 */
export const renderMouseSchema = z.object({
  x: z.number().min(0).max(4096),
  y: z.number().min(0).max(4096),
  clickX: z.number().min(0).max(4096).optional(),
  clickY: z.number().min(0).max(4096).optional(),
  down: z.boolean().default(true),
  /** Only on the frame of the click (iMouse.w positive). */
  clicked: z.boolean().default(false),
});

export const renderRequestSchema = z
  .object({
    source: shaderSourceSchema,
    kind: z.enum(RENDER_KINDS).default('thumbnail'),
    /** Defaults depend on the kind (RENDER_KIND_DEFAULTS). */
    width: z.number().int().min(16).max(1920).optional(),
    height: z.number().int().min(16).max(1080).optional(),
    /** Shader time (seconds) of the still, or of a preview's first frame. */
    time: z.number().min(0).max(3600).optional(),
    /** Render the still of this iFrame instead (time = frame / RENDER_FRAME_RATE). */
    frame: z
      .number()
      .int()
      .min(0)
      .max(3600 * RENDER_FRAME_RATE)
      .optional(),
    /** Preview only: seconds of animation and frames per second. */
    duration: z.number().positive().max(10).default(3),
    fps: z.number().int().min(1).max(30).default(15),
    /** Stills only; a preview is always an animated WebP. */
    format: z.enum(['webp', 'png']).default('webp'),
    mouse: renderMouseSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.time !== undefined && r.frame !== undefined)
      ctx.addIssue({ code: 'custom', path: ['frame'], message: 'give either time or frame, not both' });
    if (r.kind === 'preview' && r.format === 'png')
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'a preview is an animated WebP' });
  })
  .transform((r) => {
    const defaults = RENDER_KIND_DEFAULTS[r.kind];
    return {
      ...r,
      width: r.width ?? defaults.width,
      height: r.height ?? defaults.height,
      time: r.frame !== undefined ? r.frame / RENDER_FRAME_RATE : (r.time ?? defaults.time),
    };
  });
export type RenderRequest = z.input<typeof renderRequestSchema>;

export const compileErrorSchema = z.object({
  pass: z.string(),
  line: z.number().int().nullable(),
  message: z.string(),
});
export type CompileError = z.infer<typeof compileErrorSchema>;

export const renderOutcomeSchema = z.enum(['ok', 'compile_error', 'timeout', 'crashed']);

/** JSON reply of POST /render when the image could not be produced. */
export const renderFailureSchema = z.object({
  outcome: renderOutcomeSchema.exclude(['ok']),
  errors: z.array(compileErrorSchema).default([]),
  message: z.string(),
});
export type RenderFailure = z.infer<typeof renderFailureSchema>;

export const validateRequestSchema = z.object({ source: shaderSourceSchema });
export const validateResponseSchema = z.object({ ok: z.boolean(), errors: z.array(compileErrorSchema) });
export type ValidateResponse = z.infer<typeof validateResponseSchema>;

/**
 * Headers of a successful POST /render (the body is the image): milliseconds spent in the browser,
 * whether the frame is one flat colour (or NaN), and its mean colour as #rrggbb (of the first frame
 * for a preview); the page's own split of its time (compile until the driver has built every pass,
 * draw until the GPU is done, read back + encode); the number of frames in the image.
 */
export const RENDER_HEADERS = {
  renderMs: 'x-render-ms',
  blank: 'x-render-blank',
  avgColor: 'x-render-avg-color',
  compileMs: 'x-render-compile-ms',
  drawMs: 'x-render-draw-ms',
  encodeMs: 'x-render-encode-ms',
  frames: 'x-render-frames',
} as const;
