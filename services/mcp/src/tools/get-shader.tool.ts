import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shaderDetailSchema, type ShaderDetail } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { shaderLinks } from './shader-links.ts';
import { apiError, toolJson } from './tool-result.ts';

export function registerGetShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_shader',
    {
      title: 'Get shader',
      description:
        'Fetch one shader by id: metadata, votes, render state, thumbnail URL and the full source of its ' +
        'current version (Common code and every pass with its channel bindings).',
      inputSchema: {
        id: z.uuid().describe('The shader id (a UUID), as returned by browse_shaders or search_shaders'),
      },
      outputSchema: {
        shader: shaderDetailSchema.describe('The shader with the source of its current version'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const result = await ctx.api.get<ShaderDetail>(`/shaders/${id}`);
      if (!result.ok) {
        return apiError(ctx, `fetch shader ${id}`, result, {
          notFound: `no shader with id ${id} is visible to you. Use browse_shaders or search_shaders to find ids.`,
        });
      }
      const shader = result.data;
      return toolJson(
        { shader },
        `Shader "${shader.title}" (v${shader.currentVersion}, ${shader.status}, render ${shader.renderState}).`,
        shaderLinks(shader),
      );
    },
  );
}
