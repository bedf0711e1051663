import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { desireDetailSchema, type DesireDetail } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { describeDesire } from './desire-text.ts';
import { apiError, toolJson } from './tool-result.ts';

export function registerGetDesire(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_desire',
    {
      title: 'Get desire',
      description:
        'One desire with its details, tags, bounty, status (and the shader that fulfilled it, if any), its ' +
        'cluster of similar requests and up to 5 similar desires.',
      inputSchema: { id: z.uuid().describe('The desire id (a UUID), as returned by get_desire_queue') },
      outputSchema: { desire: desireDetailSchema.describe('The desire') },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const result = await ctx.api.get<DesireDetail>(`/desires/${id}`);
      if (!result.ok) {
        return apiError(ctx, `fetch desire ${id}`, result, {
          notFound: `there is no desire with id ${id}. List desires with get_desire_queue.`,
        });
      }
      const desire = result.data;
      const details = desire.details ? `\nDetails: ${desire.details}` : '';
      return toolJson({ desire }, `${describeDesire(desire)}${details}`);
    },
  );
}
