import { z } from 'zod';
import { RENDER_HEADERS } from './renderer.ts';
import { shaderSourceSchema } from './shader-source.ts';

/**
 * POST /api/v1/shaders/render: one still of a source that is not saved, so an author (or an agent
 * over MCP) can see a shader before publishing it. Smaller bounds than the renderer's own: this
 * endpoint is public and rate-limited per key or client.
 */
export const RENDER_PREVIEW_MAX = { width: 1280, height: 720 } as const;

export const renderPreviewBodySchema = z.object({
  source: shaderSourceSchema,
  time: z
    .number()
    .min(0, 'time must be at least 0 seconds')
    .max(3600, 'time must be at most 3600 seconds')
    .default(2)
    .describe('Shader time (iTime, seconds) of the frame; 2 by default, like thumbnails'),
  width: z
    .number()
    .int()
    .min(16)
    .max(RENDER_PREVIEW_MAX.width, `width must be at most ${RENDER_PREVIEW_MAX.width}`)
    .default(640)
    .describe(`Width in pixels, 16–${RENDER_PREVIEW_MAX.width} (default 640)`),
  height: z
    .number()
    .int()
    .min(16)
    .max(RENDER_PREVIEW_MAX.height, `height must be at most ${RENDER_PREVIEW_MAX.height}`)
    .default(360)
    .describe(`Height in pixels, 16–${RENDER_PREVIEW_MAX.height} (default 360)`),
  format: z.enum(['png', 'webp']).default('png').describe('Image format (default png)'),
});
export type RenderPreviewBody = z.input<typeof renderPreviewBodySchema>;

/** Headers of a successful preview (the body is the image), a subset of the renderer's own. */
export const RENDER_PREVIEW_HEADERS = {
  renderMs: RENDER_HEADERS.renderMs,
  blank: RENDER_HEADERS.blank,
  avgColor: RENDER_HEADERS.avgColor,
} as const;

/** What the image is, read back from the headers (MCP's render_shader reports these). */
export const renderPreviewMetricsSchema = z.object({
  renderMs: z.number().describe('Milliseconds the renderer spent on this frame'),
  blank: z.boolean().describe('True when the frame is one flat colour (or NaN): usually a bug'),
  avgColor: z.string().describe('Mean colour of the frame as #rrggbb'),
  width: z.number().int(),
  height: z.number().int(),
  time: z.number().describe('Shader time (seconds) of the frame'),
  format: z.enum(['png', 'webp']),
  bytes: z.number().int(),
});
export type RenderPreviewMetrics = z.infer<typeof renderPreviewMetricsSchema>;
