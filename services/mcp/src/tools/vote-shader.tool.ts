import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { voteStateSchema, type VoteState } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, requireApiKey, toolJson } from './tool-result.ts';

export function registerVoteShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'vote_shader',
    {
      title: 'Vote on a shader',
      description:
        'Vote a published shader up (1) or down (-1), or remove your vote (0). One vote per user and ' +
        'shader; voting again switches it. Not on your own shaders. Needs an API key with the write scope.',
      inputSchema: {
        id: z.uuid().describe('The shader to vote on'),
        value: z
          .union([z.literal(1), z.literal(-1), z.literal(0)])
          .describe('1: up-vote; -1: down-vote; 0: remove your vote'),
      },
      outputSchema: voteStateSchema.shape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    async ({ id, value }) => {
      const noKey = requireApiKey(ctx, 'vote_shader');
      if (noKey) return noKey;
      const result =
        value === 0
          ? await ctx.api.send<VoteState>('DELETE', `/shaders/${id}/vote`)
          : await ctx.api.send<VoteState>('PUT', `/shaders/${id}/vote`, { value });
      if (!result.ok) {
        return apiError(ctx, `vote on shader ${id}`, result, {
          notFound: `no shader with id ${id} is visible to you.`,
          forbidden: 'You cannot vote on your own shader.',
          conflict: 'Only published shaders take votes.',
        });
      }
      const state = result.data;
      return toolJson(
        state,
        `Your vote: ${state.myVote === null ? 'none' : state.myVote === 1 ? 'up' : 'down'}; the shader has ` +
          `+${state.votes.up}/-${state.votes.down}.`,
      );
    },
  );
}
