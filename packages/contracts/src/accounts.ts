import { z } from 'zod';

/** Accounts: the current user's profile, API keys and roles (shared by the API, frontend and MCP). */

export const ROLES = ['user', 'moderator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type UserRole = z.infer<typeof roleSchema>;

export const API_KEY_SCOPES = ['read', 'write'] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
/** How many unrevoked API keys one user may hold. */
export const MAX_ACTIVE_API_KEYS = 25;

export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string(),
  role: roleSchema,
  displayName: z.string().nullable(),
  bio: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  points: z.number().int(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/** An http(s) URL up to 500 characters; `null` or an empty string clears the field. */
const optionalUrl = (field: string) =>
  z
    .union([
      z.literal('').transform(() => null),
      z.null(),
      z
        .string()
        .trim()
        .max(500, `${field} must be at most 500 characters`)
        .pipe(z.url({ protocol: /^https?$/, message: `${field} must be an http:// or https:// URL` })),
    ])
    .optional();

/** Free text; surrounding whitespace is trimmed and an empty string (or null) clears the field. */
const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const updateMeBodySchema = z
  .object({
    displayName: optionalText('displayName', 64).describe(
      'Shown instead of the username; up to 64 characters',
    ),
    bio: optionalText('bio', 2000).describe('Up to 2000 characters'),
    avatarUrl: optionalUrl('avatarUrl').describe('http(s) URL of an avatar image, up to 500 characters'),
    websiteUrl: optionalUrl('websiteUrl').describe('http(s) URL of your website, up to 500 characters'),
    email: z
      .email('email must be a valid address')
      .max(254)
      .optional()
      .describe('New email, unique case-insensitively; needs currentPassword'),
    newPassword: z
      .string()
      .min(8, 'newPassword must be at least 8 characters')
      .max(256)
      .optional()
      .describe('New password; needs currentPassword. Logs out every other session'),
    currentPassword: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('Your current password: required to change email or password'),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'currentPassword'), {
    message:
      'nothing to update: send at least one of displayName, bio, avatarUrl, websiteUrl, email, newPassword',
  })
  .refine((b) => (b.email === undefined && b.newPassword === undefined) || b.currentPassword !== undefined, {
    message: 'currentPassword is required to change email or password',
    path: ['currentPassword'],
  });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z
    .string()
    .describe('The first characters of the key, to recognise it; the secret is never shown again'),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });

export const createApiKeyBodySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'name is required')
      .max(64, 'name must be at most 64 characters')
      .describe('What the key is for, e.g. "Claude desktop"'),
    scopes: z
      .array(apiKeyScopeSchema)
      .min(1, 'scopes needs at least one of read, write')
      .max(2)
      .default(['read'])
      // write implies read: every route a key can write to, it can also read.
      .transform((s): ('read' | 'write')[] => (s.includes('write') ? ['read', 'write'] : ['read']))
      .describe('read: browse and search; write (implies read): create, edit, vote. Default ["read"]'),
  })
  .strict();
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe('The full key, shown only in this reply: store it now'),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const updateRoleBodySchema = z.object({ role: roleSchema.describe('The new role') }).strict();

export const userRoleSchema = z.object({ id: z.uuid(), username: z.string(), role: roleSchema });
