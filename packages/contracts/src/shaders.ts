import { z } from 'zod';
import { createShaderBodySchema, RENDER_STATES, SHADER_STATUSES, userSummarySchema } from './api.ts';
import { compileErrorSchema } from './renderer.ts';
import { shaderSourceSchema } from './shader-source.ts';

/** Shader lifecycle: edit, status, versions, fork, render status, validate, Shadertoy import/export. */

export const changeNoteSchema = z.string().trim().max(500, 'changeNote must be at most 500 characters');
export const thumbnailTimeSchema = z
  .number()
  .min(0, 'thumbnailTime must be at least 0 seconds')
  .max(3600, 'thumbnailTime must be at most 3600 seconds')
  // Stored as a Postgres real: a subnormal double like 5e-324 is out of its range; milliseconds suffice.
  .transform((t) => Math.round(t * 1000) / 1000);

const meta = createShaderBodySchema.shape;

export const updateShaderBodySchema = z
  .object({
    title: meta.title.optional(),
    description: z.string().max(5000).optional(),
    tags: meta.tags.unwrap().optional(),
    type: meta.type.unwrap().optional(),
    visibility: meta.visibility.unwrap().optional(),
    thumbnailTime: thumbnailTimeSchema.optional(),
    /** A new source makes a new immutable version (unless it equals the current one). */
    source: shaderSourceSchema.optional(),
    changeNote: changeNoteSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message:
      'send at least one field to change (title, description, tags, type, visibility, thumbnailTime, source)',
  })
  .refine((b) => b.changeNote === undefined || b.source !== undefined, {
    path: ['changeNote'],
    message: 'changeNote describes a new source: send it together with source',
  });
export type UpdateShaderBody = z.infer<typeof updateShaderBodySchema>;

export const statusChangeBodySchema = z.object({
  status: z.enum(SHADER_STATUSES).describe('The status to move to'),
});

/** draft → published, published → archived, archived → published. Nothing returns to draft. */
export const STATUS_TRANSITIONS: Record<
  (typeof SHADER_STATUSES)[number],
  readonly (typeof SHADER_STATUSES)[number][]
> = {
  draft: ['published'],
  published: ['archived'],
  archived: ['published'],
};

export const mineQuerySchema = z.object({
  status: z.enum(SHADER_STATUSES).optional().describe('Only shaders in this status; all when omitted'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(24).describe('Page size, at most 100'),
});

export const forkBodySchema = z.object({
  version: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('Version to fork; the current one when omitted'),
  title: meta.title.optional().describe('Title of the fork; "Fork of <title>" when omitted'),
  description: z.string().max(5000).optional(),
  tags: meta.tags.unwrap().optional(),
  visibility: meta.visibility.unwrap().optional(),
});
export type ForkBody = z.infer<typeof forkBodySchema>;

export const shaderIdParamsSchema = z.object({ id: z.string().describe('Shader id (UUID)') });

export const versionParamsSchema = z.object({
  id: z.string().describe('Shader id (UUID)'),
  version: z.coerce.number().int().min(1).max(1_000_000).describe('Version number (1, 2, …)'),
});

export const versionListQuerySchema = z.object({
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(24).describe('Page size, at most 100'),
});

export const shaderVersionSummarySchema = z.object({
  shaderId: z.uuid(),
  version: z.number().int(),
  changeNote: z.string(),
  author: userSummarySchema,
  codeHash: z.string(),
  createdAt: z.string(),
  isCurrent: z.boolean(),
});
export type ShaderVersionSummary = z.infer<typeof shaderVersionSummarySchema>;

export const shaderVersionDetailSchema = shaderVersionSummarySchema.extend({ source: shaderSourceSchema });
export type ShaderVersionDetail = z.infer<typeof shaderVersionDetailSchema>;

export const restoreBodySchema = z.object({
  changeNote: changeNoteSchema
    .optional()
    .describe('Change note of the new version; "Restored from vN" when omitted'),
});

export const renderArtifactSchema = z.object({
  kind: z.enum(['thumbnail', 'preview', 'poster']),
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  bytes: z.number().int(),
  renderMs: z.number().int(),
  isBlank: z.boolean(),
  createdAt: z.string(),
});

export const renderStatusSchema = z.object({
  shaderId: z.uuid(),
  state: z.enum(RENDER_STATES),
  error: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  /** The version the current thumbnail shows (may lag behind currentVersion while rendering). */
  renderedVersion: z.number().int().nullable(),
  currentVersion: z.number().int(),
  thumbnailTime: z.number(),
  /** Artifacts rendered for the current version. */
  renders: z.array(renderArtifactSchema),
});
export type RenderStatus = z.infer<typeof renderStatusSchema>;

export const renderRequeuedSchema = z.object({
  shaderId: z.uuid(),
  version: z.number().int(),
  state: z.literal('queued'),
});

export const validateBodySchema = z.object({ source: shaderSourceSchema });
export const validateResultSchema = z.object({ ok: z.boolean(), errors: z.array(compileErrorSchema) });

/** Shadertoy's own JSON is loosely typed (ids are strings or numbers, fields may be null or absent). */
const shadertoyText = z.string().nullish();
const shadertoyId = z.union([z.string(), z.number()]);
const shadertoyChannel = z.number().int().min(0).max(3);
const uploadedInfoSchema = z.looseObject({
  name: shadertoyText,
  description: shadertoyText,
  tags: z.array(z.string()).nullish(),
});
const uploadedPassSchema = z.looseObject({
  type: shadertoyText,
  name: shadertoyText,
  code: shadertoyText,
  inputs: z
    .array(
      z.looseObject({
        id: shadertoyId.nullish(),
        src: shadertoyText,
        filepath: shadertoyText,
        ctype: shadertoyText,
        type: shadertoyText,
        channel: shadertoyChannel.nullish(),
      }),
    )
    .nullish(),
  outputs: z
    .array(z.looseObject({ id: shadertoyId.nullish(), channel: shadertoyChannel.nullish() }))
    .nullish(),
});
const uploadedShaderSchema = z.looseObject({
  info: uploadedInfoSchema.optional(),
  renderpass: z.array(uploadedPassSchema).optional(),
});

/**
 * Shadertoy JSON as uploaded: the API's `{"Shader":{…}}` (optionally with our status/visibility next
 * to it), the site's bare array `[{ info, renderpass }]`, or a bare `{ info, renderpass }`. Fields are
 * type-checked where present; the converter checks how they fit together and names each problem.
 */
export const shadertoyImportBodySchema = z.union(
  [
    uploadedShaderSchema.extend({
      Shader: uploadedShaderSchema.optional().describe('Shadertoy API shape: { ver, info, renderpass }'),
      info: uploadedInfoSchema.optional().describe('Bare shape: { info, renderpass }'),
      status: z
        .enum(['draft', 'published'])
        .optional()
        .describe('Status of the new shader; draft by default'),
      visibility: meta.visibility
        .unwrap()
        .optional()
        .describe('Visibility of the new shader; public by default'),
    }),
    z.array(uploadedShaderSchema).describe("The site's shape: [{ ver, info, renderpass }]"),
  ],
  {
    // Name the field at fault (e.g. a bad status) instead of zod's bare "Invalid input".
    error: (issue) => {
      if (issue.code !== 'invalid_union' || typeof issue.input !== 'object' || issue.input === null) {
        return 'expected Shadertoy JSON: {"Shader":{…}} or [{ "info": …, "renderpass": […] }]';
      }
      const branchIssues = Array.isArray(issue.input) ? issue.errors[1] : issue.errors[0];
      return (branchIssues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    },
  },
);

export const shadertoyImportQuerySchema = z.object({
  status: z.enum(['draft', 'published']).optional().describe('Status of the new shader (overrides the body)'),
  visibility: meta.visibility
    .unwrap()
    .optional()
    .describe('Visibility of the new shader (overrides the body)'),
});

export const importWarningsSchema = z.array(z.string());

const shadertoyInputSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  src: z.string(),
  ctype: z.string(),
  channel: z.number().int(),
});
/** The API shape we export (Shadertoy's `{"Shader":{…}}` with `ctype`/`src`). */
export const shadertoyExportSchema = z.object({
  Shader: z.object({
    ver: z.string(),
    info: z.looseObject({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      tags: z.array(z.string()),
    }),
    renderpass: z.array(
      z.looseObject({
        inputs: z.array(shadertoyInputSchema),
        outputs: z.array(z.object({ id: z.union([z.string(), z.number()]), channel: z.number().int() })),
        code: z.string(),
        name: z.string(),
        type: z.string(),
      }),
    ),
  }),
});
