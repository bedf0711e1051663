import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shaderSummarySchema, type Page, type ShaderSummary } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, toolJson } from './tool-result.ts';
import { describeShaderList, pageInput } from './shader-list.ts';

export function registerGetTrending(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_trending',
    {
      title: 'Trending shaders',
      description:
        'The trending feed: published public shaders by hot score (votes, replays and watch time, ' +
        'halving every 48 hours). What people like right now.',
      inputSchema: pageInput,
      outputSchema: {
        items: z.array(shaderSummarySchema).describe('Trending shaders, hottest first'),
        nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null at the end'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ limit, cursor }) => {
      const result = await ctx.api.get<Page<ShaderSummary>>('/feed/trending', { limit, cursor });
      if (!result.ok) return apiError(ctx, 'get the trending feed', result);
      const { items, nextCursor } = result.data;
      return toolJson({ items, nextCursor }, describeShaderList(ctx, items, nextCursor));
    },
  );
}
