import { z } from 'zod';
import { SHADER_TYPES, VISIBILITIES } from '@fractafrag/contracts';

/** Metadata arguments shared by submit_shader, update_shader and fork_shader. */
export const titleInput = z.string().trim().min(1).max(120).describe('Title, up to 120 characters');
export const descriptionInput = z
  .string()
  .max(5000)
  .describe('What it shows and how it works, up to 5000 characters');
export const tagsInput = z
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
  .describe('Up to 10 tags (a-z, 0-9, -), e.g. ["raymarching", "neon"]');
export const typeInput = z.enum(SHADER_TYPES).describe('2d, 3d or audio-reactive');
export const visibilityInput = z
  .enum(VISIBILITIES)
  .describe('public: listed everywhere; unlisted: only by id; private: only you');
