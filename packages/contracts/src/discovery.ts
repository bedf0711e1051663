import { z } from 'zod';
import { listQuerySchema, pageSchema, SHADER_TYPES, shaderSummarySchema, userSummarySchema } from './api.ts';

// Social (votes, engagement events, comments) and discovery (search, feeds, similar shaders).

/* ---------- votes ---------- */

export const voteBodySchema = z.object({
  value: z
    .union([z.literal(1), z.literal(-1)], { error: 'value must be 1 (up) or -1 (down)' })
    .describe('1 for an up-vote, -1 for a down-vote; voting again with the other value switches'),
});
export type VoteBody = z.infer<typeof voteBodySchema>;

export const voteStateSchema = z.object({
  shaderId: z.uuid(),
  votes: z.object({ up: z.number().int(), down: z.number().int() }),
  hotScore: z.number(),
  myVote: z
    .union([z.literal(1), z.literal(-1)])
    .nullable()
    .describe("The caller's vote, null when none"),
});
export type VoteState = z.infer<typeof voteStateSchema>;

/* ---------- engagement events ---------- */

export const ENGAGEMENT_KINDS = ['view', 'dwell', 'replay'] as const;

const sessionIdSchema = z
  .string()
  .min(8, 'sessionId must be at least 8 characters')
  .max(128, 'sessionId must be at most 128 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'sessionId may contain letters, digits, _ and - only')
  .describe('A random id the client keeps for its browsing session; required when not logged in');

export const engagementEventBodySchema = z
  .object({
    kind: z
      .enum(ENGAGEMENT_KINDS)
      .describe('view: the shader was shown; dwell: time watched; replay: restarted'),
    dwellMs: z
      .number()
      .int()
      .min(1)
      .max(86_400_000)
      .optional()
      .describe('Milliseconds watched; required for dwell, not allowed otherwise'),
    sessionId: sessionIdSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'dwell' && body.dwellMs === undefined)
      ctx.addIssue({ code: 'custom', path: ['dwellMs'], message: 'dwellMs is required for a dwell event' });
    if (body.kind !== 'dwell' && body.dwellMs !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['dwellMs'],
        message: 'dwellMs is only allowed for a dwell event',
      });
  });
export type EngagementEventBody = z.infer<typeof engagementEventBodySchema>;

export const replayBodySchema = z.object({ sessionId: sessionIdSchema.optional() });

export const engagementResultSchema = z.object({
  counted: z
    .boolean()
    .describe('false when the event repeats one already counted in the window, or the dwell cap is reached'),
});
export type EngagementResult = z.infer<typeof engagementResultSchema>;

/* ---------- comments ---------- */

export const commentSchema = z.object({
  id: z.uuid(),
  shaderId: z.uuid(),
  parentId: z.uuid().nullable(),
  author: userSummarySchema.nullable().describe('null once the comment is deleted'),
  body: z
    .string()
    .nullable()
    .describe('null once the comment is deleted (kept as a placeholder for its replies)'),
  deleted: z.boolean(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const createCommentBodySchema = z.object({
  body: z.string().trim().min(1, 'body must not be empty').max(5000, 'body must be at most 5000 characters'),
  parentId: z.uuid().optional().describe('Reply to this comment (on the same shader)'),
});
export type CreateCommentBody = z.infer<typeof createCommentBodySchema>;

export const commentPageSchema = pageSchema(commentSchema);

/* ---------- search and feeds ---------- */

export const SHADER_SORTS = ['relevance', 'hot', 'new', 'top'] as const;
export type ShaderSort = (typeof SHADER_SORTS)[number];

export const shaderSearchQuerySchema = listQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Full-text query over title, tags and description; typos in the title still match'),
  tags: z
    .string()
    .max(400)
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : [
            ...new Set(
              v
                .split(',')
                .map((t) => t.trim().toLowerCase())
                .filter(Boolean),
            ),
          ],
    )
    .pipe(z.array(z.string().max(32)).max(10, 'at most 10 tags').optional())
    .describe('Comma-separated tags; a shader must carry all of them'),
  type: z.enum(SHADER_TYPES).optional().describe('Only shaders of this type'),
  author: z.string().max(32).optional().describe('Only shaders by this username'),
  sort: z
    .enum(SHADER_SORTS)
    .optional()
    .describe('relevance (needs q; the default with q), hot, new (the default without q) or top (net votes)'),
});
export type ShaderSearchQuery = z.infer<typeof shaderSearchQuerySchema>;

export const TOP_PERIODS = ['day', 'week', 'month', 'all'] as const;
export type TopPeriod = (typeof TOP_PERIODS)[number];

export const topFeedQuerySchema = listQuerySchema.extend({
  period: z
    .enum(TOP_PERIODS)
    .default('week')
    .describe('Shaders published within the last day, week, month, or all time'),
});

export const FEED_SOURCES = ['personal', 'trending'] as const;

export const forYouPageSchema = pageSchema(shaderSummarySchema).extend({
  source: z
    .enum(FEED_SOURCES)
    .describe('personal when ranked from your taste; trending for anonymous callers and cold starts'),
});
export type ForYouPage = z.infer<typeof forYouPageSchema>;

/* ---------- similar shaders ---------- */

export const similarQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(12).describe('How many shaders (1–50)'),
});

export const similarShaderSchema = shaderSummarySchema.extend({
  similarity: z.object({
    score: z.number().describe('Reciprocal-rank fusion of the two neighbour lists; higher is closer'),
    text: z.number().nullable().describe('Cosine similarity of the text embeddings, if ranked by text'),
    visual: z.number().nullable().describe('Cosine similarity of the visual embeddings, if ranked by look'),
  }),
  nearDuplicate: z
    .boolean()
    .optional()
    .describe(
      'True when the two thumbnails are near-duplicates (perceptual hashes at most 6 bits apart); ' +
        'absent when either shader has no thumbnail hash yet',
    ),
});
export type SimilarShader = z.infer<typeof similarShaderSchema>;

export const similarShadersSchema = z.object({ items: z.array(similarShaderSchema) });

/* ---------- semantic search ---------- */

export const semanticSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'q must not be empty: describe what you are looking for')
    .max(200, 'q must be at most 200 characters')
    .describe('What to look for, in plain words, e.g. "raymarched scene with soft shadows"'),
  limit: z.coerce.number().int().min(1).max(50).default(12).describe('How many shaders (1–50)'),
});
export type SemanticSearchQuery = z.infer<typeof semanticSearchQuerySchema>;

export const semanticShaderSchema = shaderSummarySchema.extend({
  similarity: z
    .number()
    .describe('Cosine similarity of the query and the shader text embeddings, -1 to 1; higher is closer'),
});
export type SemanticShader = z.infer<typeof semanticShaderSchema>;

export const semanticSearchResultSchema = z.object({
  items: z.array(semanticShaderSchema).describe('Closest first'),
  source: z.literal('semantic'),
});
export type SemanticSearchResult = z.infer<typeof semanticSearchResultSchema>;
