import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { similarShaderSchema, type SimilarShader } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, toolJson } from './tool-result.ts';

export function registerFindSimilarShaders(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'find_similar_shaders',
    {
      title: 'Find similar shaders',
      description:
        'Shaders similar to a given one, by what they are about (text embeddings) and by how they look ' +
        '(visual embeddings of their thumbnails), closest first. Empty until the shader has been embedded.',
      inputSchema: {
        id: z.uuid().describe('The shader to compare with (a UUID)'),
        limit: z.number().int().min(1).max(50).default(12).describe('How many shaders to return (1–50)'),
      },
      outputSchema: {
        items: z
          .array(similarShaderSchema)
          .describe('Similar shaders with their similarity scores, closest first'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id, limit }) => {
      const result = await ctx.api.get<{ items: SimilarShader[] }>(`/shaders/${id}/similar`, { limit });
      if (!result.ok) {
        return apiError(ctx, `find shaders similar to ${id}`, result, {
          notFound: `no shader with id ${id} is visible to you. Check the id with get_shader or search_shaders.`,
        });
      }
      const { items } = result.data;
      const lines = items.map(
        (s) => `- "${s.title}" (id ${s.id}) by ${s.author.username}, score ${s.similarity.score.toFixed(4)}`,
      );
      const summary = items.length
        ? `${items.length} similar shader(s):\n${lines.join('\n')}`
        : 'No similar shaders yet (the shader may not be embedded yet, or nothing is close).';
      return toolJson({ items }, summary);
    },
  );
}
