import { z } from 'zod';
import { shaderSourceSchema } from './shader-source.ts';

export const usernameSchema = z
  .string()
  .min(3, 'username must be at least 3 characters')
  .max(32, 'username must be at most 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'username may contain letters, digits, _ and - only');

export const registerBodySchema = z.object({
  username: usernameSchema,
  email: z.email('email must be a valid address').max(254),
  password: z.string().min(8, 'password must be at least 8 characters').max(256),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.object({
  login: z.string().min(1, 'login (username or email) is required').max(254),
  password: z.string().min(1).max(256),
});

export const SHADER_TYPES = ['2d', '3d', 'audio-reactive'] as const;
export const SHADER_STATUSES = ['draft', 'published', 'archived'] as const;
export const VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export const RENDER_STATES = ['queued', 'rendering', 'ready', 'failed'] as const;

export const createShaderBodySchema = z.object({
  title: z.string().trim().min(1, 'title is required').max(120),
  description: z.string().max(5000).default(''),
  tags: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1)
        .max(32)
        .regex(/^[a-z0-9-]+$/, 'tags use a-z, 0-9 and -'),
    )
    .max(10)
    .default([]),
  type: z.enum(SHADER_TYPES).default('2d'),
  status: z.enum(['draft', 'published']).default('draft'),
  visibility: z.enum(VISIBILITIES).default('public'),
  source: shaderSourceSchema,
});
export type CreateShaderBody = z.infer<typeof createShaderBodySchema>;

export const listQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});

export const userSummarySchema = z.object({ id: z.uuid(), username: z.string() });

export const shaderSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  type: z.enum(SHADER_TYPES),
  status: z.enum(SHADER_STATUSES),
  visibility: z.enum(VISIBILITIES),
  author: userSummarySchema,
  currentVersion: z.number().int(),
  renderState: z.enum(RENDER_STATES),
  renderError: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  votes: z.object({ up: z.number().int(), down: z.number().int() }),
  hotScore: z.number(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ShaderSummary = z.infer<typeof shaderSummarySchema>;

export const shaderDetailSchema = shaderSummarySchema.extend({
  source: shaderSourceSchema,
  forkedFrom: z.object({ shaderId: z.uuid(), version: z.number().int() }).nullable(),
  /** Seconds into the shader at which the thumbnail is captured. */
  thumbnailTime: z.number().optional(),
  forkCount: z.number().int().optional(),
  /** 1280x720 still of the current rendered version; null until rendered (or if it failed). */
  posterUrl: z.string().nullable().optional(),
  /** Animated WebP (480x270, 3 s) of the current rendered version; null until rendered (or if it failed). */
  previewUrl: z.string().nullable().optional(),
});
export type ShaderDetail = z.infer<typeof shaderDetailSchema>;

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const authResponseSchema = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  user: z.object({ id: z.uuid(), username: z.string(), email: z.string(), role: z.string() }),
});
export type AuthResponse = z.infer<typeof authResponseSchema>;
