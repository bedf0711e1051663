import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { shaderSummarySchema, type Page, type ShaderSummary } from '@fractafrag/contracts';
import type { ApiClient } from '../api-client.ts';
import { toolError, toolJson } from './tool-result.ts';

export function registerBrowseShaders(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'browse_shaders',
    {
      title: 'Browse shaders',
      description: 'List published public shaders, newest first, a page at a time.',
      inputSchema: {
        limit: z.number().int().min(1).max(100).default(20).describe('How many shaders to return (1-100).'),
        cursor: z
          .string()
          .max(200)
          .optional()
          .describe('nextCursor from a previous call, to get the next page.'),
      },
      outputSchema: {
        items: z.array(shaderSummarySchema).describe('Shaders on this page.'),
        nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null at the end.'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ limit, cursor }) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const result = await api.get<Page<ShaderSummary>>(`/feed/new?${query.toString()}`);
      if (!result.ok) return toolError(`Could not list shaders: ${result.message}`);
      return toolJson(
        { items: result.data.items, nextCursor: result.data.nextCursor },
        `${result.data.items.length} shaders.`,
      );
    },
  );
}
