import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerImproveShaderPrompt } from './prompts/improve-shader.prompt.ts';
import { registerWriteShaderForDesirePrompt } from './prompts/write-shader-for-desire.prompt.ts';
import { registerDesireResource } from './resources/desire.resource.ts';
import { registerPlatformInfoResource } from './resources/platform-info.resource.ts';
import { registerShaderCodeResource } from './resources/shader-code.resource.ts';
import { registerShaderThumbnailResource } from './resources/shader-thumbnail.resource.ts';
import type { ToolContext } from './tool-context.ts';
import { registerBrowseShaders } from './tools/browse-shaders.tool.ts';
import { registerCreateDesire } from './tools/create-desire.tool.ts';
import { registerFindSimilarShaders } from './tools/find-similar-shaders.tool.ts';
import { registerForkShader } from './tools/fork-shader.tool.ts';
import { registerFulfillDesire } from './tools/fulfill-desire.tool.ts';
import { registerGetDesireQueue } from './tools/get-desire-queue.tool.ts';
import { registerGetDesire } from './tools/get-desire.tool.ts';
import { registerGetRenderStatus } from './tools/get-render-status.tool.ts';
import { registerGetShaderVersionCode } from './tools/get-shader-version-code.tool.ts';
import { registerGetShaderVersions } from './tools/get-shader-versions.tool.ts';
import { registerGetShader } from './tools/get-shader.tool.ts';
import { registerGetTrending } from './tools/get-trending.tool.ts';
import { registerRenderShader } from './tools/render-shader.tool.ts';
import { registerSearchShaders } from './tools/search-shaders.tool.ts';
import { registerSubmitShader } from './tools/submit-shader.tool.ts';
import { registerUpdateShader } from './tools/update-shader.tool.ts';
import { registerValidateShader } from './tools/validate-shader.tool.ts';
import { registerVoteShader } from './tools/vote-shader.tool.ts';

export const SERVER_INFO = { name: 'fractafrag', version: '0.2.0' } as const;

const INSTRUCTIONS =
  'Fractafrag hosts GLSL shaders (Shadertoy format) rendered on the server. Read fractafrag://platform-info ' +
  'before writing one. Read tools work without credentials; write tools (submit_shader, update_shader, ' +
  'fork_shader, vote_shader, create_desire, fulfill_desire) act as the user of the API key sent as ' +
  '"Authorization: Bearer ff_…" and need its write scope. Typical loop: get_desire_queue → validate_shader ' +
  '→ render_shader → submit_shader → fulfill_desire → get_render_status.';

/**
 * One server per caller: per request on Streamable HTTP (stateless), per session on legacy SSE.
 * Everything it does goes through the REST API as that caller.
 */
export function createServer(ctx: ToolContext): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });
  // Discover
  registerBrowseShaders(server, ctx);
  registerSearchShaders(server, ctx);
  registerGetTrending(server, ctx);
  registerGetShader(server, ctx);
  registerGetShaderVersions(server, ctx);
  registerGetShaderVersionCode(server, ctx);
  registerFindSimilarShaders(server, ctx);
  // Create
  registerValidateShader(server, ctx);
  registerRenderShader(server, ctx);
  registerSubmitShader(server, ctx);
  registerUpdateShader(server, ctx);
  registerForkShader(server, ctx);
  registerGetRenderStatus(server, ctx);
  registerVoteShader(server, ctx);
  // Desires
  registerGetDesireQueue(server, ctx);
  registerGetDesire(server, ctx);
  registerCreateDesire(server, ctx);
  registerFulfillDesire(server, ctx);
  // Resources and prompts
  registerPlatformInfoResource(server, ctx);
  registerShaderCodeResource(server, ctx);
  registerShaderThumbnailResource(server, ctx);
  registerDesireResource(server, ctx);
  registerWriteShaderForDesirePrompt(server, ctx);
  registerImproveShaderPrompt(server, ctx);
  return server;
}
