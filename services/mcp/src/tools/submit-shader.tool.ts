import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ShaderDetail } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { refuseUnlessCompiles } from './compile-check.ts';
import { descriptionInput, tagsInput, titleInput, typeInput, visibilityInput } from './shader-meta-input.ts';
import { readShaderSource, shaderSourceInput } from './shader-source-input.ts';
import { shaderLinks } from './shader-links.ts';
import { apiError, requireApiKey, toolError, toolJson } from './tool-result.ts';
import { shaderWriteOutput, shaderWriteResult } from './write-result.ts';

export function registerSubmitShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'submit_shader',
    {
      title: 'Submit shader',
      description:
        'Save a new shader as the user of your API key (needs the write scope). It is compiled first: if it ' +
        'does not compile nothing is saved and the errors say which lines to fix. The shader is then rendered ' +
        'in the background: follow with get_render_status. Returns id, version and render state.',
      inputSchema: {
        title: titleInput,
        description: descriptionInput.default(''),
        tags: tagsInput.default([]),
        type: typeInput.default('2d'),
        status: z
          .enum(['published', 'draft'])
          .default('published')
          .describe('published (default): others can see it (per visibility); draft: only you see it'),
        visibility: visibilityInput.default('public'),
        ...shaderSourceInput,
      },
      outputSchema: shaderWriteOutput,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    async ({ title, description, tags, type, status, visibility, ...sourceInput }) => {
      const noKey = requireApiKey(ctx, 'submit_shader');
      if (noKey) return noKey;
      const reading = readShaderSource(sourceInput);
      if (!reading.ok) return toolError(reading.error);
      const refused = await refuseUnlessCompiles(ctx, reading.source, 'submit_shader');
      if (refused) return refused;
      const result = await ctx.api.send<ShaderDetail>('POST', '/shaders', {
        title,
        description,
        tags,
        type,
        status,
        visibility,
        source: reading.source,
      });
      if (!result.ok) return apiError(ctx, 'submit the shader', result);
      const shader = result.data;
      return toolJson(
        shaderWriteResult(shader, ctx.renders.publicUrl),
        `Saved "${shader.title}" as ${shader.status} (id ${shader.id}, v${shader.currentVersion}); render ` +
          `${shader.renderState}. Follow the render with get_render_status (id ${shader.id}).`,
        shaderLinks(shader),
      );
    },
  );
}
