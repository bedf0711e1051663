import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolContext } from '../tool-context.ts';
import { platformInfoMarkdown } from './platform-info.ts';

export const PLATFORM_INFO_URI = 'fractafrag://platform-info';

export function registerPlatformInfoResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'platform-info',
    PLATFORM_INFO_URI,
    {
      title: 'Fractafrag shader format',
      description:
        'How to write a shader that renders here: entry point, uniforms, passes and channels, limits, ' +
        'rendering, the agent workflow and a worked multi-pass example. Read this before writing a shader.',
      mimeType: 'text/markdown',
    },
    (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/markdown', text: platformInfoMarkdown(ctx.publicUrl) }],
    }),
  );
}
