import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ShaderDetail } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { descriptionInput, tagsInput, titleInput, visibilityInput } from './shader-meta-input.ts';
import { apiError, requireApiKey, toolJson } from './tool-result.ts';
import { shaderWriteOutput, shaderWriteResult } from './write-result.ts';

export function registerForkShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'fork_shader',
    {
      title: 'Fork shader',
      description:
        'Copy a shader (its current version, or an older one) into a new draft owned by you, crediting the ' +
        'original; then change it with update_shader and publish it with update_shader status "published". ' +
        'Needs an API key with the write scope.',
      inputSchema: {
        id: z.uuid().describe('The shader to fork'),
        version: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('The version to fork; the current one by default'),
        title: titleInput.optional().describe('Title of the fork; "Fork of <title>" by default'),
        description: descriptionInput.optional(),
        tags: tagsInput.optional(),
        visibility: visibilityInput.optional(),
      },
      outputSchema: {
        ...shaderWriteOutput,
        forkedFrom: z
          .object({ shaderId: z.uuid(), version: z.number().int() })
          .nullable()
          .describe('The shader and version this fork was copied from'),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    async ({ id, ...body }) => {
      const noKey = requireApiKey(ctx, 'fork_shader');
      if (noKey) return noKey;
      const result = await ctx.api.send<ShaderDetail>('POST', `/shaders/${id}/fork`, body);
      if (!result.ok) {
        return apiError(ctx, `fork shader ${id}`, result, {
          notFound: `no shader with id ${id}${body.version ? ` (version ${body.version})` : ''} is visible to you.`,
          forbidden: 'Archived shaders cannot be forked by others; pick another shader.',
        });
      }
      const fork = result.data;
      return toolJson(
        { ...shaderWriteResult(fork, ctx.renders.publicUrl), forkedFrom: fork.forkedFrom },
        `Forked into draft "${fork.title}" (id ${fork.id}). Edit it with update_shader; publish with status "published".`,
      );
    },
  );
}
