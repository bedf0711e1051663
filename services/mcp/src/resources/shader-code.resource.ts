import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Page, ShaderDetail, ShaderSummary } from '@fractafrag/contracts';
import { formatSource } from '../tools/format-source.ts';
import type { ToolContext } from '../tool-context.ts';
import { isUuid, resourceError, resourceNotFound, variable } from './resource-errors.ts';

const LISTED = 20;

export function registerShaderCodeResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'shader-code',
    new ResourceTemplate('fractafrag://shaders/{id}/code', {
      // The hottest shaders, as examples worth reading; any visible shader can be read by id.
      list: async () => {
        const result = await ctx.api.get<Page<ShaderSummary>>('/feed/trending', { limit: LISTED });
        if (!result.ok) return { resources: [] };
        return {
          resources: result.data.items.map((s) => ({
            uri: `fractafrag://shaders/${s.id}/code`,
            name: `${s.title} (code)`,
            description: `By ${s.author.username}: ${s.description.slice(0, 200)}`,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'Shader source',
      description:
        'The source of the current version of a shader as Markdown: title, author, tags, then Common and each ' +
        'pass in GLSL with its channel bindings.',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const id = variable(variables.id);
      if (!isUuid(id)) throw resourceNotFound(uri.href, 'the shader id must be a UUID.');
      const result = await ctx.api.get<ShaderDetail>(`/shaders/${id}`);
      if (!result.ok) {
        throw resourceError(uri.href, result, `no shader with id ${id} is visible to you.`);
      }
      const s = result.data;
      const text =
        `# ${s.title}\n\nBy ${s.author.username}, version ${s.currentVersion}, ${s.type}, tags: ` +
        `${s.tags.join(', ') || 'none'}.\n\n${s.description ? `${s.description}\n\n` : ''}${formatSource(s.source)}\n`;
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );
}
