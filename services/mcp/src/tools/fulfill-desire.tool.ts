import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { desireFulfilmentSchema, type DesireFulfilment } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, requireApiKey, toolJson } from './tool-result.ts';

export function registerFulfillDesire(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'fulfill_desire',
    {
      title: 'Fulfill desire',
      description:
        'Mark an open desire as fulfilled by one of your published shaders and collect its bounty. The ' +
        'shader must be yours and published (public or unlisted); the desire must be open and not your own. ' +
        'Needs an API key with the write scope.',
      inputSchema: {
        desireId: z.uuid().describe('The open desire to fulfil'),
        shaderId: z.uuid().describe('Your published shader that fulfils it (from submit_shader)'),
      },
      outputSchema: desireFulfilmentSchema.shape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    async ({ desireId, shaderId }) => {
      const noKey = requireApiKey(ctx, 'fulfill_desire');
      if (noKey) return noKey;
      const result = await ctx.api.send<DesireFulfilment>('POST', `/desires/${desireId}/fulfil`, {
        shaderId,
      });
      if (!result.ok) {
        return apiError(ctx, `fulfil desire ${desireId}`, result, {
          notFound: `the desire ${desireId} or the shader ${shaderId} does not exist (or is not visible to you).`,
          forbidden:
            'Use a shader of your own (submit_shader or fork_shader first), on a desire someone else posted.',
          conflict:
            'Only open desires can be fulfilled (check get_desire), with a published shader (update_shader status "published").',
        });
      }
      const { desire, creditedPoints, balance } = result.data;
      return toolJson(
        result.data,
        `Desire "${desire.prompt}" is now fulfilled by "${desire.fulfilledBy?.title}". ` +
          `You were credited ${creditedPoints} points (balance ${balance}).`,
      );
    },
  );
}
