import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shaderDetailSchema, type ShaderDetail } from '@fractafrag/contracts';
import type { ApiClient } from '../api-client.ts';
import { toolError, toolJson } from './tool-result.ts';

export function registerGetShader(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'get_shader',
    {
      title: 'Get shader',
      description:
        'Fetch one shader by id: metadata, render state, thumbnail URL and the full source of its current version (Common code and every pass).',
      inputSchema: { id: z.uuid().describe('The shader id (a UUID), as returned by browse_shaders.') },
      outputSchema: { shader: shaderDetailSchema.describe('The shader with its current source.') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const result = await api.get<ShaderDetail>(`/shaders/${id}`);
      if (!result.ok) {
        return toolError(
          result.status === 404
            ? `No shader with id ${id} is visible to you. Use browse_shaders to find shader ids.`
            : `Could not fetch shader ${id}: ${result.message}`,
        );
      }
      return toolJson(
        { shader: result.data },
        `Shader "${result.data.title}" (v${result.data.currentVersion}).`,
      );
    },
  );
}
