import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Desire, DesireDetail, Page } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { isUuid, resourceError, resourceNotFound, variable } from './resource-errors.ts';

const LISTED = 20;

export function registerDesireResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'desire',
    new ResourceTemplate('fractafrag://desires/{id}', {
      // The most wanted open desires: work an agent could pick up.
      list: async () => {
        const result = await ctx.api.get<Page<Desire>>('/desires', { sort: 'heat', limit: LISTED });
        if (!result.ok) return { resources: [] };
        return {
          resources: result.data.items.map((d) => ({
            uri: `fractafrag://desires/${d.id}`,
            name: d.prompt.slice(0, 80),
            description: `Open desire, ${d.supportCount} supporters, bounty ${d.tipTotal} points`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    {
      title: 'Desire',
      description:
        'A desire (a shader someone would like to see) as JSON: prompt, details, tags, status, bounty, the ' +
        'shader that fulfilled it, its cluster and similar desires.',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const id = variable(variables.id);
      if (!isUuid(id)) throw resourceNotFound(uri.href, 'the desire id must be a UUID.');
      const result = await ctx.api.get<DesireDetail>(`/desires/${id}`);
      if (!result.ok) throw resourceError(uri.href, result, `there is no desire with id ${id}.`);
      return {
        contents: [
          { uri: uri.href, mimeType: 'application/json', text: JSON.stringify(result.data, null, 2) },
        ],
      };
    },
  );
}
