import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { SHADER_TYPES, shaderSummarySchema, type Page, type ShaderSummary } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, toolJson } from './tool-result.ts';
import { describeShaderList, pageInput } from './shader-list.ts';

export function registerBrowseShaders(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'browse_shaders',
    {
      title: 'Browse shaders',
      description:
        'List published public shaders a page at a time: newest, hottest or most up-voted, optionally ' +
        'filtered by tags, type or author. Use search_shaders to search by words.',
      inputSchema: {
        sort: z
          .enum(['new', 'hot', 'top'])
          .default('new')
          .describe('new: newest first; hot: trending by hot score; top: most net up-votes'),
        tags: z
          .array(z.string().max(32))
          .max(10)
          .optional()
          .describe('Only shaders carrying all of these tags, e.g. ["fractal", "raymarching"]'),
        type: z.enum(SHADER_TYPES).optional().describe('Only shaders of this type'),
        author: z.string().max(32).optional().describe('Only shaders by this username'),
        ...pageInput,
      },
      outputSchema: {
        items: z.array(shaderSummarySchema).describe('Shaders on this page'),
        nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null at the end'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ sort, tags, type, author, limit, cursor }) => {
      const result = await ctx.api.get<Page<ShaderSummary>>('/shaders', {
        sort,
        tags: tags?.join(','),
        type,
        author,
        limit,
        cursor,
      });
      if (!result.ok) return apiError(ctx, 'list shaders', result);
      const { items, nextCursor } = result.data;
      return toolJson({ items, nextCursor }, describeShaderList(ctx, items, nextCursor));
    },
  );
}
