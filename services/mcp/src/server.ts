import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiClient } from './api-client.ts';
import { registerBrowseShaders } from './tools/browse-shaders.tool.ts';
import { registerGetShader } from './tools/get-shader.tool.ts';

/** One server per request (stateless transport); tools call the REST API as the caller. */
export function createServer(api: ApiClient): McpServer {
  const server = new McpServer(
    { name: 'fractafrag', version: '0.1.0' },
    { instructions: 'Fractafrag: browse, read and (with an API key) write GLSL shaders.' },
  );
  registerBrowseShaders(server, api);
  registerGetShader(server, api);
  return server;
}
