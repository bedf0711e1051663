import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import {
  SHADER_TYPES,
  shaderSummarySchema,
  type Page,
  type SemanticSearchResult,
  type ShaderSummary,
} from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, toolJson } from './tool-result.ts';
import { describeShaderList, pageInput } from './shader-list.ts';

/** GET /shaders/semantic returns at most this many shaders, in one page. */
const SEMANTIC_MAX = 50;

export function registerSearchShaders(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'search_shaders',
    {
      title: 'Search shaders',
      description:
        'Search published public shaders by meaning: the query is embedded with the same text model as ' +
        'the shaders (title, description, tags, code), so "raymarched scene with soft shadows" finds ' +
        'sphere-traced scenes that use other words; closest first, one page of up to 50. With tags, type, ' +
        'a sort other than relevance, or a cursor, it searches by words instead (full text over title, tags ' +
        'and description, typo-tolerant titles, paged), as it also does when semantic search is ' +
        'unavailable (the result says so in `note`). To find shaders that look like a given one, use ' +
        'find_similar_shaders.',
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
          .describe('Only shaders carrying all of these tags (searches by words)'),
        type: z.enum(SHADER_TYPES).optional().describe('Only shaders of this type (searches by words)'),
        sort: z
          .enum(['relevance', 'hot', 'new', 'top'])
          .default('relevance')
          .describe(
            'relevance (default): closest in meaning first; hot, new or top: shaders matching the words, in that order',
          ),
        ...pageInput,
      },
      outputSchema: {
        items: z
          .array(
            shaderSummarySchema.extend({
              similarity: z
                .number()
                .optional()
                .describe('Semantic results only: cosine similarity to the query, higher is closer'),
            }),
          )
          .describe('Matching shaders on this page, best first'),
        nextCursor: z
          .string()
          .nullable()
          .describe(
            'Pass as cursor to get the next page; null at the end (always null for semantic results)',
          ),
        source: z
          .enum(['semantic', 'full-text'])
          .describe('semantic: ranked by meaning; full-text: ranked by the words of the query'),
        note: z.string().optional().describe('Why the search fell back to words, when it did'),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ query, tags, type, sort, limit, cursor }) => {
      let note: string | undefined;
      if (sort === 'relevance' && !tags?.length && !type && !cursor) {
        const semantic = await ctx.api.get<SemanticSearchResult>('/shaders/semantic', {
          q: query,
          limit: Math.min(limit, SEMANTIC_MAX),
        });
        if (semantic.ok) {
          const { items } = semantic.data;
          const structured = { items, nextCursor: null, source: 'semantic' as const };
          return toolJson(structured, `Closest in meaning: ${describeShaderList(ctx, items, null)}`);
        }
        if (semantic.status !== 503) return apiError(ctx, 'search shaders', semantic);
        note = `Semantic search is unavailable right now (${semantic.message}); these results match the words of the query.`;
      }
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
      const structured = { items, nextCursor, source: 'full-text' as const, ...(note ? { note } : {}) };
      const summary = describeShaderList(ctx, items, nextCursor);
      return toolJson(structured, note ? `${note}\n${summary}` : summary);
    },
  );
}
