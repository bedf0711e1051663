import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Page, ShaderDetail, ShaderSummary } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { isUuid, resourceError, resourceNotFound, variable } from './resource-errors.ts';

const LISTED = 20;

export function registerShaderThumbnailResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'shader-thumbnail',
    new ResourceTemplate('fractafrag://shaders/{id}/thumbnail', {
      list: async () => {
        const result = await ctx.api.get<Page<ShaderSummary>>('/feed/trending', { limit: LISTED });
        if (!result.ok) return { resources: [] };
        return {
          resources: result.data.items
            .filter((s) => s.thumbnailUrl)
            .map((s) => ({
              uri: `fractafrag://shaders/${s.id}/thumbnail`,
              name: `${s.title} (thumbnail)`,
              mimeType: 'image/webp',
            })),
        };
      },
    }),
    {
      title: 'Shader thumbnail',
      description: 'The server-rendered thumbnail of a shader (640x360 WebP), as an image blob.',
      mimeType: 'image/webp',
    },
    async (uri, variables) => {
      const id = variable(variables.id);
      if (!isUuid(id)) throw resourceNotFound(uri.href, 'the shader id must be a UUID.');
      const result = await ctx.api.get<ShaderDetail>(`/shaders/${id}`);
      if (!result.ok) throw resourceError(uri.href, result, `no shader with id ${id} is visible to you.`);
      const { thumbnailUrl, renderState } = result.data;
      if (!thumbnailUrl) {
        throw resourceNotFound(
          uri.href,
          `the shader has no thumbnail yet (render ${renderState}); follow it with get_render_status.`,
        );
      }
      const image = await ctx.renders.fetchArtifact(thumbnailUrl);
      if ('error' in image)
        throw resourceNotFound(uri.href, `the thumbnail could not be read: ${image.error}.`);
      return {
        contents: [{ uri: uri.href, mimeType: image.contentType, blob: image.bytes.toString('base64') }],
      };
    },
  );
}
