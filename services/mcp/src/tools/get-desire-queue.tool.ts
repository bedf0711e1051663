import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DESIRE_STATUSES, desireSchema, type Desire, type Page } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { describeDesire } from './desire-text.ts';
import { pageInput } from './shader-list.ts';
import { apiError, toolJson } from './tool-result.ts';

export function registerGetDesireQueue(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_desire_queue',
    {
      title: 'Desire queue',
      description:
        'Desires: shaders people would like someone to make ("slow dark ragdoll physics with neon glow"), ' +
        'most wanted first (supporters, tipped bounty, similar requests, freshness). Pick an open one, ' +
        'write a shader for it, submit it, then fulfill_desire.',
      inputSchema: {
        sort: z.enum(['heat', 'new']).default('heat').describe('heat: most wanted first; new: newest first'),
        status: z
          .enum([...DESIRE_STATUSES, 'all'])
          .default('open')
          .describe('Only desires in this state (open by default, which can still be fulfilled); all: any'),
        ...pageInput,
      },
      outputSchema: {
        items: z.array(desireSchema).describe('Desires on this page'),
        nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null at the end'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ sort, status, limit, cursor }) => {
      const result = await ctx.api.get<Page<Desire>>('/desires', { sort, status, limit, cursor });
      if (!result.ok) return apiError(ctx, 'list desires', result);
      const { items, nextCursor } = result.data;
      const summary = items.length
        ? `${items.length} desire(s):\n${items.map(describeDesire).join('\n')}`
        : 'No desires in that state.';
      return toolJson({ items, nextCursor }, summary);
    },
  );
}
