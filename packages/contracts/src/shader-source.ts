import { z } from 'zod';

/** Shadertoy-compatible shader source: a Common tab plus up to five passes (Buffers A–D, Image). */
export const MAX_PASS_BYTES = 64 * 1024;
export const PASS_NAMES = ['Buffer A', 'Buffer B', 'Buffer C', 'Buffer D', 'Image'] as const;
export const passNameSchema = z.enum(PASS_NAMES);
export type PassName = z.infer<typeof passNameSchema>;

export const BUILTIN_TEXTURES = ['rgba-noise-256', 'gray-noise-256'] as const;

export const channelInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('buffer'), pass: passNameSchema.exclude(['Image']) }),
  z.object({ kind: z.literal('texture'), name: z.enum(BUILTIN_TEXTURES) }),
]);
export type ChannelInput = z.infer<typeof channelInputSchema>;

const utf8 = new TextEncoder();
const glslCode = (what: string) =>
  z.string().refine((s) => utf8.encode(s).length <= MAX_PASS_BYTES, {
    message: `${what} exceeds ${MAX_PASS_BYTES / 1024} KiB`,
  });

export const passSchema = z.object({
  name: passNameSchema,
  code: glslCode('pass code').refine((s) => s.trim().length > 0, { message: 'pass code is empty' }),
  /** iChannel0..3; null where nothing is bound. */
  channels: z.array(channelInputSchema.nullable()).max(4).default([]),
});
export type Pass = z.infer<typeof passSchema>;

export const shaderSourceSchema = z
  .object({
    common: glslCode('common code').default(''),
    passes: z.array(passSchema).min(1).max(5),
  })
  .superRefine((src, ctx) => {
    const names = src.passes.map((p) => p.name);
    if (!names.includes('Image'))
      ctx.addIssue({ code: 'custom', path: ['passes'], message: 'an Image pass is required' });
    if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', path: ['passes'], message: 'pass names must be unique' });
    src.passes.forEach((p, i) =>
      p.channels.forEach((c, ch) => {
        if (c?.kind === 'buffer' && !names.includes(c.pass))
          ctx.addIssue({
            code: 'custom',
            path: ['passes', i, 'channels', ch],
            message: `iChannel${ch} reads ${c.pass}, which this shader does not have`,
          });
      }),
    );
  });
export type ShaderSource = z.infer<typeof shaderSourceSchema>;

/** Shorthand many callers use: only an Image pass. */
export function imageOnly(code: string, common = ''): ShaderSource {
  return { common, passes: [{ name: 'Image', code, channels: [] }] };
}
