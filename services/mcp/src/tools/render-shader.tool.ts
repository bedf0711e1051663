import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import {
  RENDER_PREVIEW_HEADERS,
  RENDER_PREVIEW_MAX,
  renderPreviewMetricsSchema,
  type CompileError,
  type RenderPreviewMetrics,
  type ShaderDetail,
  type ShaderSource,
  type ShaderVersionDetail,
} from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { progressReporter } from './progress.ts';
import { describeCompileErrors, readShaderSource, shaderSourceInput } from './shader-source-input.ts';
import { apiError, toolError } from './tool-result.ts';

export function registerRenderShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'render_shader',
    {
      title: 'Render shader',
      description:
        'Render one frame of a shader on the server (the same renderer as thumbnails) and return the image, ' +
        'so you can see what your shader looks like, plus metrics: render time, mean colour and a blank flag ' +
        '(true when the frame is one flat colour, which usually means a bug). Give code or passes for an ' +
        'unsaved source, or shaderId for a saved shader. Nothing is saved.',
      inputSchema: {
        ...shaderSourceInput,
        shaderId: z
          .uuid()
          .optional()
          .describe('Render this saved shader instead of code/passes (its current version, or version)'),
        version: z.number().int().min(1).optional().describe('With shaderId: the version to render'),
        time: z
          .number()
          .min(0)
          .max(3600)
          .default(2)
          .describe('Shader time in seconds (iTime) of the frame; 2 by default, like thumbnails'),
        width: z
          .number()
          .int()
          .min(16)
          .max(RENDER_PREVIEW_MAX.width)
          .default(640)
          .describe(`Width in pixels (16–${RENDER_PREVIEW_MAX.width})`),
        height: z
          .number()
          .int()
          .min(16)
          .max(RENDER_PREVIEW_MAX.height)
          .default(360)
          .describe(`Height in pixels (16–${RENDER_PREVIEW_MAX.height})`),
        format: z.enum(['png', 'webp']).default('png').describe('Image format of the result'),
      },
      outputSchema: renderPreviewMetricsSchema.shape,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ shaderId, version, time, width, height, format, ...sourceInput }, extra) => {
      const loaded = await loadSource(ctx, sourceInput, shaderId, version);
      if ('error' in loaded) return loaded.error;
      const report = progressReporter(extra);
      await report(0, 1, 'rendering on the server');
      const result = await ctx.api.postForImage('/shaders/render', {
        source: loaded.source,
        time,
        width,
        height,
        format,
      });
      await report(1, 1, 'rendered');
      if (!result.ok) {
        if (result.code === 'compile_error') {
          const errors = (result.details as { errors?: CompileError[] } | undefined)?.errors ?? [];
          return toolError(
            `The shader does not compile, so nothing was rendered:\n${describeCompileErrors(errors, loaded.source)}\n` +
              'Fix those lines (validate_shader checks quickly) and call render_shader again.',
          );
        }
        return apiError(ctx, 'render the shader', result);
      }
      const { bytes, contentType, headers } = result.data;
      const metrics: RenderPreviewMetrics = {
        renderMs: Number(headers.get(RENDER_PREVIEW_HEADERS.renderMs) ?? 0),
        blank: headers.get(RENDER_PREVIEW_HEADERS.blank) === 'true',
        avgColor: headers.get(RENDER_PREVIEW_HEADERS.avgColor) ?? '#000000',
        width,
        height,
        time,
        format,
        bytes: bytes.length,
      };
      const summary =
        `Rendered ${width}x${height} at t=${time}s in ${metrics.renderMs} ms; mean colour ${metrics.avgColor}.` +
        (metrics.blank
          ? ' WARNING: the frame is one flat colour (blank). Check that mainImage writes fragColor from ' +
            'fragCoord/iResolution, that values are not NaN, and try another time.'
          : '');
      return {
        content: [
          { type: 'text', text: `${summary}\n${JSON.stringify(metrics)}` },
          { type: 'image', data: bytes.toString('base64'), mimeType: contentType },
        ],
        structuredContent: metrics,
      };
    },
  );
}

async function loadSource(
  ctx: ToolContext,
  input: Parameters<typeof readShaderSource>[0],
  shaderId: string | undefined,
  version: number | undefined,
): Promise<{ source: ShaderSource } | { error: ReturnType<typeof toolError> }> {
  if (shaderId === undefined) {
    if (version !== undefined) return { error: toolError('version needs shaderId: give both, or neither.') };
    const reading = readShaderSource(input);
    return reading.ok ? { source: reading.source } : { error: toolError(reading.error) };
  }
  if (input.code !== undefined || input.passes !== undefined) {
    return { error: toolError('Give either shaderId (a saved shader) or code/passes (a source), not both.') };
  }
  const notFound = `no shader with id ${shaderId}${version ? ` (version ${version})` : ''} is visible to you.`;
  if (version !== undefined) {
    const result = await ctx.api.get<ShaderVersionDetail>(`/shaders/${shaderId}/versions/${version}`);
    if (!result.ok) return { error: apiError(ctx, 'load the shader to render', result, { notFound }) };
    return { source: result.data.source };
  }
  const result = await ctx.api.get<ShaderDetail>(`/shaders/${shaderId}`);
  if (!result.ok) return { error: apiError(ctx, 'load the shader to render', result, { notFound }) };
  return { source: result.data.source };
}
