import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ShaderSource, ValidateResponse } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { describeCompileErrors } from './shader-source-input.ts';
import { apiError, toolError } from './tool-result.ts';

/**
 * Compiles a source before it is saved, so an agent learns about an error now, in its own line
 * numbers, instead of from a failed render later. Undefined when it compiles.
 */
export async function refuseUnlessCompiles(
  ctx: ToolContext,
  source: ShaderSource,
  tool: string,
): Promise<CallToolResult | undefined> {
  const result = await ctx.api.send<ValidateResponse>('POST', '/shaders/validate', { source });
  if (!result.ok) return apiError(ctx, 'check that the shader compiles', result);
  if (result.data.ok) return undefined;
  return toolError(
    `Nothing was saved: the shader does not compile.\n${describeCompileErrors(result.data.errors, source)}\n` +
      `Fix those lines and call ${tool} again.`,
  );
}
