import { z } from 'zod';
import { shaderSourceSchema } from './shader-source.ts';

export const renderRequestSchema = z.object({
  source: shaderSourceSchema,
  width: z.number().int().min(16).max(1920).default(640),
  height: z.number().int().min(16).max(1080).default(360),
  /** Shader time (seconds) of the captured frame. */
  time: z.number().min(0).max(3600).default(2),
  format: z.enum(['webp', 'png']).default('webp'),
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
 * whether the frame is one flat colour (or NaN), and its mean colour as #rrggbb.
 */
export const RENDER_HEADERS = {
  renderMs: 'x-render-ms',
  blank: 'x-render-blank',
  avgColor: 'x-render-avg-color',
} as const;
