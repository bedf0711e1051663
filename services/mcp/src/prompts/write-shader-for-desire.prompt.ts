import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { DesireDetail } from '@fractafrag/contracts';
import { platformInfoMarkdown } from '../resources/platform-info.ts';
import { PLATFORM_INFO_URI } from '../resources/platform-info.resource.ts';
import type { ToolContext } from '../tool-context.ts';

export function registerWriteShaderForDesirePrompt(server: McpServer, ctx: ToolContext): void {
  server.registerPrompt(
    'write_shader_for_desire',
    {
      title: 'Write a shader for a desire',
      description:
        'Write, check, render, publish and link a shader that fulfils a desire from the queue. Includes the ' +
        'platform format guide.',
      argsSchema: {
        desireId: z.string().describe('The desire to fulfil (a UUID from get_desire_queue)'),
      },
    },
    async ({ desireId }) => {
      const result = await ctx.api.get<DesireDetail>(`/desires/${encodeURIComponent(desireId)}`);
      if (!result.ok) {
        throw new McpError(
          ErrorCode.InvalidParams,
          result.status === 404 || result.status === 422
            ? `There is no desire with id ${desireId}: pick one with the get_desire_queue tool.`
            : `Could not load desire ${desireId}: ${result.message}`,
        );
      }
      const d = result.data;
      const wish = [
        `Prompt: ${d.prompt}`,
        d.details ? `Details: ${d.details}` : undefined,
        d.tags.length ? `Tags: ${d.tags.join(', ')}` : undefined,
        `Status: ${d.status}${d.tipTotal ? `; bounty ${d.tipTotal} points` : ''}; ${d.supportCount} people want it too.`,
      ].filter(Boolean);
      const task =
        `Write a Fractafrag shader that fulfils this desire (id ${d.id}).\n\n${wish.join('\n')}\n\n` +
        'Work in this order:\n' +
        '1. Plan the look: shapes, motion, colours, mood, following the prompt and details closely.\n' +
        '2. Write the GLSL (mainImage; add buffers only if the effect needs feedback) per the format guide above.\n' +
        '3. validate_shader; fix every reported line until it compiles.\n' +
        '4. render_shader at two or three times (e.g. 0.5, 2, 6 s); look at the images. If `blank` is true or ' +
        'it does not match the desire, change the code and render again.\n' +
        `5. submit_shader with a fitting title, a description of how it works and tags (e.g. ${d.tags.join(', ') || 'the theme'}).\n` +
        `6. fulfill_desire with desireId ${d.id} and the new shaderId.\n` +
        '7. get_render_status with waitSeconds 60 to confirm the thumbnail rendered.';
      return {
        description: `Write a shader for: ${d.prompt}`,
        messages: [
          {
            role: 'user',
            content: {
              type: 'resource',
              resource: {
                uri: PLATFORM_INFO_URI,
                mimeType: 'text/markdown',
                text: platformInfoMarkdown(ctx.publicUrl),
              },
            },
          },
          { role: 'user', content: { type: 'text', text: task } },
        ],
      };
    },
  );
}
