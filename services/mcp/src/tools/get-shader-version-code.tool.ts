import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shaderVersionDetailSchema, type ShaderVersionDetail } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { apiError, toolJson } from './tool-result.ts';
import { formatSource } from './format-source.ts';

export function registerGetShaderVersionCode(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_shader_version_code',
    {
      title: 'Shader version source',
      description:
        'The full source of one version of a shader (Common code and every pass with its channel ' +
        'bindings), e.g. to compare with the current one or to restore an idea from the history.',
      inputSchema: {
        id: z.uuid().describe('The shader id (a UUID)'),
        version: z
          .number()
          .int()
          .min(1)
          .describe('Version number (1, 2, …), as listed by get_shader_versions'),
      },
      outputSchema: { version: shaderVersionDetailSchema.describe('The version with its source') },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ id, version }) => {
      const result = await ctx.api.get<ShaderVersionDetail>(`/shaders/${id}/versions/${version}`);
      if (!result.ok) {
        return apiError(ctx, `fetch version ${version} of shader ${id}`, result, {
          notFound: `shader ${id} has no version ${version} visible to you. List its versions with get_shader_versions.`,
        });
      }
      const v = result.data;
      return toolJson(
        { version: v },
        `Version ${v.version} of shader ${v.shaderId}${v.isCurrent ? ' (current)' : ''}:\n${formatSource(v.source)}`,
      );
    },
  );
}
