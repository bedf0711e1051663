import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { compileErrorSchema, type ValidateResponse } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { describeCompileErrors, readShaderSource, shaderSourceInput } from './shader-source-input.ts';
import { apiError, toolError, toolJson } from './tool-result.ts';

export function registerValidateShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'validate_shader',
    {
      title: 'Validate shader',
      description:
        'Compile a shader source on the real renderer without saving anything. Errors name the pass and the ' +
        'line in YOUR code (not the wrapped source), with that line quoted. Call this before render_shader ' +
        'or submit_shader.',
      inputSchema: shaderSourceInput,
      outputSchema: {
        ok: z.boolean().describe('True when every pass compiles'),
        errors: z
          .array(compileErrorSchema)
          .describe(
            'Each compile error: pass ("Image", "Buffer A", …, or "Common"), line in your code, message',
          ),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input) => {
      const reading = readShaderSource(input);
      if (!reading.ok) return toolError(reading.error);
      const result = await ctx.api.send<ValidateResponse>('POST', '/shaders/validate', {
        source: reading.source,
      });
      if (!result.ok) return apiError(ctx, 'validate the shader', result);
      const { ok, errors } = result.data;
      const summary = ok
        ? 'The shader compiles. Next: render_shader to see it, then submit_shader to publish it.'
        : `The shader does not compile (${errors.length} error(s)):\n${describeCompileErrors(errors, reading.source)}\n` +
          'Fix those lines and call validate_shader again.';
      return toolJson({ ok, errors }, summary);
    },
  );
}
