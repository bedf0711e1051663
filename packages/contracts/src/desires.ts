import { z } from 'zod';
import { pageSchema, shaderSummarySchema, userSummarySchema } from './api.ts';

/** Desires ("slow dark ragdoll physics with neon glow"), their clusters, public profiles and tags. */

export const DESIRE_STATUSES = ['open', 'fulfilled', 'closed', 'expired'] as const;
export const desireStatusSchema = z.enum(DESIRE_STATUSES);
export type DesireStatus = z.infer<typeof desireStatusSchema>;

/** How many points one tip may move. A new account starts with 100 points. */
export const MAX_TIP_POINTS = 10_000;

const desireTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(32, 'a tag is at most 32 characters')
  .regex(/^[a-z0-9-]+$/, 'tags use a-z, 0-9 and -');

export const createDesireBodySchema = z.object({
  prompt: z
    .string()
    .trim()
    .min(3, 'prompt must be at least 3 characters')
    .max(500, 'prompt must be at most 500 characters')
    .describe('What you would like to see, in a sentence (3–500 characters)'),
  details: z
    .string()
    .trim()
    .max(5000, 'details must be at most 5000 characters')
    .default('')
    .describe('Anything else: mood, colours, references (up to 5000 characters)'),
  tags: z
    .array(desireTagSchema)
    .max(10, 'at most 10 tags')
    .default([])
    .transform((tags) => [...new Set(tags)])
    .describe('Up to 10 tags (a-z, 0-9, -)'),
});
export type CreateDesireBody = z.infer<typeof createDesireBodySchema>;

export const desireListQuerySchema = z.object({
  sort: z
    .enum(['heat', 'new'])
    .default('heat')
    .describe('heat: most wanted first (supports, tips, cluster size, decayed with age); new: newest first'),
  status: z
    .enum([...DESIRE_STATUSES, 'all'])
    .default('open')
    .describe('Only desires in this state (default open); all: any state'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(24).describe('Page size, 1–100 (default 24)'),
});
export type DesireListQuery = z.infer<typeof desireListQuerySchema>;

export const desireIdParamsSchema = z.object({ id: z.string().describe('Desire id (UUID)') });

export const desireClusterRefSchema = z.object({ id: z.uuid(), label: z.string(), size: z.number().int() });

export const desireSchema = z.object({
  id: z.uuid(),
  prompt: z.string(),
  details: z.string(),
  tags: z.array(z.string()),
  status: desireStatusSchema,
  author: userSummarySchema,
  supportCount: z.number().int(),
  tipTotal: z.number().int().describe('Points tipped so far; credited to whoever fulfils the desire'),
  heat: z.number(),
  clusterId: z.uuid().nullable().describe('null until the desire has been embedded and clustered'),
  supportedByMe: z.boolean().describe('Whether the caller has said "me too" (false when anonymous)'),
  fulfilledBy: z.object({ shaderId: z.uuid(), title: z.string() }).nullable(),
  fulfilledAt: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type Desire = z.infer<typeof desireSchema>;

export const similarDesireSchema = desireSchema.extend({
  similarity: z.number().describe('Cosine similarity of the two text embeddings, -1 to 1'),
});

export const desireDetailSchema = desireSchema.extend({
  cluster: desireClusterRefSchema.nullable(),
  similar: z.array(similarDesireSchema).describe('Up to 5 nearest desires by text embedding'),
});
export type DesireDetail = z.infer<typeof desireDetailSchema>;

export const desirePageSchema = pageSchema(desireSchema);

export const desireSupportResultSchema = z.object({
  desireId: z.uuid(),
  supported: z.boolean(),
  supportCount: z.number().int(),
  heat: z.number(),
});
export type DesireSupportResult = z.infer<typeof desireSupportResultSchema>;

export const tipDesireBodySchema = z.object({
  points: z
    .number()
    .int('points must be a whole number')
    .min(1, 'points must be at least 1')
    .max(MAX_TIP_POINTS, `points must be at most ${MAX_TIP_POINTS}`)
    .describe(`Points to add to the bounty, 1–${MAX_TIP_POINTS}; taken from your balance`),
});

export const desireTipResultSchema = z.object({
  desireId: z.uuid(),
  points: z.number().int(),
  tipTotal: z.number().int(),
  heat: z.number(),
  balance: z.number().int().describe('Your points after the tip'),
});
export type DesireTipResult = z.infer<typeof desireTipResultSchema>;

export const fulfilDesireBodySchema = z.object({
  shaderId: z.uuid('shaderId must be a shader id (UUID)').describe('One of your published shaders'),
});

export const desireFulfilmentSchema = z.object({
  desire: desireSchema,
  creditedPoints: z.number().int().describe("The desire's tip total, added to your balance"),
  balance: z.number().int(),
});
export type DesireFulfilment = z.infer<typeof desireFulfilmentSchema>;

export const desireClosureSchema = z.object({
  desire: desireSchema,
  refundedPoints: z.number().int().describe('Tips returned to the people who gave them'),
});
export type DesireClosure = z.infer<typeof desireClosureSchema>;

export const desireClusterSchema = desireClusterRefSchema.extend({
  heat: z.number().describe('Sum of the heat of its open desires'),
  openCount: z.number().int(),
  createdAt: z.string(),
});
export type DesireCluster = z.infer<typeof desireClusterSchema>;
export const desireClusterListSchema = z.object({ items: z.array(desireClusterSchema) });
export const desireClusterQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(24)
    .describe('How many clusters, 1–100 (default 24)'),
});

// Public profiles and tags.

export const usernameParamsSchema = z.object({
  username: z.string().min(1).max(64).describe('Username (case-insensitive)'),
});

export const publicProfileSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string().nullable(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  createdAt: z.string(),
  counts: z.object({ publishedShaders: z.number().int() }),
  shaders: pageSchema(shaderSummarySchema).describe('The first page of their published public shaders'),
});
export type PublicProfile = z.infer<typeof publicProfileSchema>;

export const popularTagsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30).describe('How many tags, 1–100 (default 30)'),
});
export const popularTagsSchema = z.object({
  items: z.array(z.object({ tag: z.string(), count: z.number().int() })),
});
export type PopularTags = z.infer<typeof popularTagsSchema>;
