import { z } from 'zod';
import {
  channelInputSchema,
  MAX_PASS_BYTES,
  passNameSchema,
  shaderSourceSchema,
  type CompileError,
  type ShaderSource,
} from '@fractafrag/contracts';

/**
 * How tools take a shader source: `code` alone for the common single-pass case, or `passes` (plus
 * `common`) for multi-pass shaders. Shared by validate, render, submit and update.
 */
const passInputSchema = z.object({
  name: passNameSchema.describe('Pass name: "Buffer A" … "Buffer D" or "Image" (exactly one Image pass)'),
  code: z
    .string()
    .min(1)
    .describe('GLSL of this pass, defining void mainImage(out vec4 fragColor, in vec2 fragCoord)'),
  channels: z
    .array(channelInputSchema.nullable())
    .max(4)
    .optional()
    .describe(
      'What iChannel0..3 read, in order; null where nothing is bound. {"kind":"buffer","pass":"Buffer A"} ' +
        'reads that buffer (a buffer reading itself sees its previous frame); ' +
        '{"kind":"texture","name":"rgba-noise-256"} or "gray-noise-256" reads a built-in noise texture',
    ),
});

export const shaderSourceInput = {
  code: z
    .string()
    .max(MAX_PASS_BYTES)
    .optional()
    .describe(
      'GLSL of a single-pass shader (its Image pass), Shadertoy style: ' +
        'void mainImage(out vec4 fragColor, in vec2 fragCoord) { … } using iResolution, iTime, iMouse, … ' +
        'Give either code or passes.',
    ),
  common: z
    .string()
    .max(MAX_PASS_BYTES)
    .optional()
    .describe('Code shared by every pass (the Common tab), inserted before each pass'),
  passes: z
    .array(passInputSchema)
    .min(1)
    .max(5)
    .optional()
    .describe(
      'A multi-pass shader: up to four buffers ("Buffer A"–"Buffer D") drawn in that order each frame, then ' +
        '"Image", which is shown. Give either code or passes.',
    ),
};

export interface ShaderSourceInput {
  code?: string | undefined;
  common?: string | undefined;
  passes?: z.infer<typeof passInputSchema>[] | undefined;
}

export type SourceReading = { ok: true; source: ShaderSource } | { ok: false; error: string };

/** The source the arguments describe, or what to fix in them. */
export function readShaderSource(input: ShaderSourceInput): SourceReading {
  if (input.code !== undefined && input.passes !== undefined) {
    return { ok: false, error: 'Give either code (a single Image pass) or passes, not both.' };
  }
  if (input.code === undefined && input.passes === undefined) {
    return {
      ok: false,
      error:
        'No shader source: pass code (GLSL with void mainImage(out vec4 fragColor, in vec2 fragCoord)) ' +
        'or passes (for multi-pass shaders). Read fractafrag://platform-info for the format.',
    };
  }
  const candidate = {
    common: input.common ?? '',
    passes: input.passes ?? [{ name: 'Image', code: input.code, channels: [] }],
  };
  const parsed = shaderSourceSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, source: parsed.data };
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'source'}: ${i.message}`);
  return { ok: false, error: `The shader source is invalid:\n${problems.join('\n')}` };
}

/** Compile errors as lines an agent can act on, each with the offending line of its own code. */
export function describeCompileErrors(errors: CompileError[], source: ShaderSource): string {
  return errors
    .map((e) => {
      const code = e.pass === 'Common' ? source.common : source.passes.find((p) => p.name === e.pass)?.code;
      const line = e.line !== null && code !== undefined ? code.split(/\r\n?|\n/)[e.line - 1] : undefined;
      const where = e.line !== null ? `${e.pass} line ${e.line}` : e.pass;
      return `- ${where}: ${e.message}${line !== undefined ? `\n    ${e.line} | ${line.trim()}` : ''}`;
    })
    .join('\n');
}
