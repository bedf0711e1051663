import { z } from 'zod';
import { RENDER_STATES, SHADER_STATUSES, VISIBILITIES, type ShaderDetail } from '@fractafrag/contracts';

/** What submit, update and fork report: enough to follow the render and link the shader. */
export const shaderWriteOutput = {
  id: z.uuid().describe('The shader id'),
  title: z.string(),
  version: z.number().int().describe('The current version number'),
  status: z.enum(SHADER_STATUSES),
  visibility: z.enum(VISIBILITIES),
  renderState: z
    .enum(RENDER_STATES)
    .describe(
      'queued or rendering: follow with get_render_status; ready: thumbnail exists; failed: see renderError',
    ),
  renderError: z.string().nullable(),
  thumbnailUrl: z.string().nullable().describe('Absolute URL of the thumbnail once rendered'),
};

export function shaderWriteResult(
  shader: ShaderDetail,
  absolute: (path: string) => string,
): z.infer<z.ZodObject<typeof shaderWriteOutput>> {
  return {
    id: shader.id,
    title: shader.title,
    version: shader.currentVersion,
    status: shader.status,
    visibility: shader.visibility,
    renderState: shader.renderState,
    renderError: shader.renderError,
    thumbnailUrl: shader.thumbnailUrl ? absolute(shader.thumbnailUrl) : null,
  };
}
