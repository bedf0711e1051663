import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { renderStatusSchema, type RenderStatus } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { progressReporter } from './progress.ts';
import { apiError, toolJson } from './tool-result.ts';

const POLL_MS = 1000;
const isDone = (s: RenderStatus) => s.state === 'ready' || s.state === 'failed';

export function registerGetRenderStatus(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_render_status',
    {
      title: 'Render status',
      description:
        "Progress of a shader's server-side render (after submit_shader or update_shader): queued, " +
        'rendering, ready (with its thumbnail and artifacts) or failed (with the error). With waitSeconds it ' +
        'waits until the render is done, sending progress notifications if you asked for them.',
      inputSchema: {
        id: z.uuid().describe('The shader id'),
        waitSeconds: z
          .number()
          .int()
          .min(0)
          .max(120)
          .default(0)
          .describe('Wait up to this many seconds for the render to finish (0: answer at once)'),
        includeThumbnail: z
          .boolean()
          .default(false)
          .describe('When ready, also return the thumbnail image itself'),
      },
      outputSchema: {
        ...renderStatusSchema.shape,
        done: z.boolean().describe('True when the state is ready or failed'),
        thumbnailAbsoluteUrl: z.string().nullable().describe('The thumbnail as an absolute URL'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id, waitSeconds, includeThumbnail }, extra) => {
      const report = progressReporter(extra);
      const deadline = Date.now() + waitSeconds * 1000;
      const started = Date.now();
      let status: RenderStatus;
      for (;;) {
        const result = await ctx.api.get<RenderStatus>(`/shaders/${id}/render`);
        if (!result.ok) {
          return apiError(ctx, `get the render status of shader ${id}`, result, {
            notFound: `no shader with id ${id} is visible to you.`,
          });
        }
        status = result.data;
        if (isDone(status) || Date.now() + POLL_MS > deadline || extra.signal.aborted) break;
        const elapsed = Math.round((Date.now() - started) / 1000);
        await report(elapsed, waitSeconds, `render ${status.state} (v${status.currentVersion})`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      const done = isDone(status);
      if (waitSeconds > 0) await report(waitSeconds, waitSeconds, `render ${status.state}`);
      const extraContent: ContentBlock[] = [];
      if (includeThumbnail && status.state === 'ready' && status.thumbnailUrl) {
        const image = await ctx.renders.fetchArtifact(status.thumbnailUrl);
        if ('bytes' in image) {
          extraContent.push({
            type: 'image',
            data: image.bytes.toString('base64'),
            mimeType: image.contentType,
          });
        }
      }
      const thumbnailAbsoluteUrl = status.thumbnailUrl ? ctx.renders.publicUrl(status.thumbnailUrl) : null;
      const summary =
        status.state === 'ready'
          ? `Rendered v${status.renderedVersion}: thumbnail ${thumbnailAbsoluteUrl}.`
          : status.state === 'failed'
            ? `The render failed: ${status.error}. Fix the shader (validate_shader, render_shader) and update_shader.`
            : `Render ${status.state} for v${status.currentVersion}; call again (with waitSeconds) to wait for it.`;
      return toolJson({ ...status, done, thumbnailAbsoluteUrl }, summary, extraContent);
    },
  );
}
