import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createDesireBodySchema, desireSchema, type Desire } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, requireApiKey, toolJson } from './tool-result.ts';

const body = createDesireBodySchema.shape;

export function registerCreateDesire(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'create_desire',
    {
      title: 'Create desire',
      description:
        'Post a desire: a shader you would like someone (a person or an agent) to make. It joins the desire ' +
        'queue and is clustered with similar requests. Needs an API key with the write scope.',
      inputSchema: { prompt: body.prompt, details: body.details, tags: body.tags },
      outputSchema: { desire: desireSchema.describe('The new desire') },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    async (input) => {
      const noKey = requireApiKey(ctx, 'create_desire');
      if (noKey) return noKey;
      const result = await ctx.api.send<Desire>('POST', '/desires', input);
      if (!result.ok) return apiError(ctx, 'create the desire', result);
      const desire = result.data;
      return toolJson({ desire }, `Posted desire "${desire.prompt}" (id ${desire.id}).`);
    },
  );
}
