import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shaderVersionSummarySchema, type Page, type ShaderVersionSummary } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { pageInput } from './shader-list.ts';
import { apiError, toolJson } from './tool-result.ts';

export function registerGetShaderVersions(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_shader_versions',
    {
      title: 'Shader versions',
      description:
        'The version history of a shader, newest first: version number, change note, author, code hash ' +
        "and which one is current. Read one version's source with get_shader_version_code.",
      inputSchema: {
        id: z.uuid().describe('The shader id (a UUID)'),
        ...pageInput,
      },
      outputSchema: {
        items: z.array(shaderVersionSummarySchema).describe('Versions on this page, newest first'),
        nextCursor: z.string().nullable().describe('Pass as cursor to get older versions; null at the end'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id, limit, cursor }) => {
      const result = await ctx.api.get<Page<ShaderVersionSummary>>(`/shaders/${id}/versions`, {
        limit,
        cursor,
      });
      if (!result.ok) {
        return apiError(ctx, `list the versions of shader ${id}`, result, {
          notFound: `no shader with id ${id} is visible to you. Check the id with get_shader or search_shaders.`,
        });
      }
      const { items, nextCursor } = result.data;
      const lines = items.map(
        (v) =>
          `- v${v.version}${v.isCurrent ? ' (current)' : ''} by ${v.author.username} at ${v.createdAt}: ${v.changeNote || '(no note)'}`,
      );
      return toolJson({ items, nextCursor }, `${items.length} version(s):\n${lines.join('\n')}`);
    },
  );
}
