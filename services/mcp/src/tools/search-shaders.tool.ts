import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { SHADER_TYPES, shaderSummarySchema, type Page, type ShaderSummary } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, toolJson } from './tool-result.ts';
import { describeShaderList, pageInput } from './shader-list.ts';

export function registerSearchShaders(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'search_shaders',
    {
      title: 'Search shaders',
      description:
        'Search published public shaders by words: full text over title, tags and description, with ' +
        'typo-tolerant title matching; best matches first. To find shaders that look like a given one, ' +
        'use find_similar_shaders.',
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .describe('What to look for, e.g. "neon tunnel" or "voronoi water caustics"'),
        tags: z
          .array(z.string().max(32))
          .max(10)
          .optional()
          .describe('Only shaders carrying all of these tags'),
        type: z.enum(SHADER_TYPES).optional().describe('Only shaders of this type'),
        sort: z
          .enum(['relevance', 'hot', 'new', 'top'])
          .default('relevance')
          .describe('relevance (default): best match first; hot, new or top: matching shaders in that order'),
        ...pageInput,
      },
      outputSchema: {
        items: z.array(shaderSummarySchema).describe('Matching shaders on this page'),
        nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null at the end'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ query, tags, type, sort, limit, cursor }) => {
      const result = await ctx.api.get<Page<ShaderSummary>>('/shaders', {
        q: query,
        tags: tags?.join(','),
        type,
        sort,
        limit,
        cursor,
      });
      if (!result.ok) return apiError(ctx, 'search shaders', result);
      const { items, nextCursor } = result.data;
      return toolJson({ items, nextCursor }, describeShaderList(ctx, items, nextCursor));
    },
  );
}
