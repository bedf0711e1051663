import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ShaderDetail } from '@fractafrag/contracts';
import { formatSource } from '../tools/format-source.ts';
import type { ToolContext } from '../tool-context.ts';

export function registerImproveShaderPrompt(server: McpServer, ctx: ToolContext): void {
  server.registerPrompt(
    'improve_shader',
    {
      title: 'Improve a shader',
      description:
        'Improve an existing shader (look, performance or code) and save the result as a new version, or as ' +
        'a fork when it is not yours.',
      argsSchema: {
        shaderId: z.string().describe('The shader to improve (a UUID)'),
        goal: z
          .string()
          .optional()
          .describe(
            'What to improve, e.g. "smoother colours" or "faster ray-marching"; open-ended when omitted',
          ),
      },
    },
    async ({ shaderId, goal }) => {
      const result = await ctx.api.get<ShaderDetail>(`/shaders/${encodeURIComponent(shaderId)}`);
      if (!result.ok) {
        throw new McpError(
          ErrorCode.InvalidParams,
          result.status === 404 || result.status === 422
            ? `No shader with id ${shaderId} is visible: find one with search_shaders or browse_shaders.`
            : `Could not load shader ${shaderId}: ${result.message}`,
        );
      }
      const s = result.data;
      const code =
        `# ${s.title} (id ${s.id}, v${s.currentVersion}, by ${s.author.username})\n\n` +
        `${s.description ? `${s.description}\n\n` : ''}${formatSource(s.source)}`;
      const task =
        `Improve this shader${goal ? `: ${goal}` : ' (its look first, then its speed and readability)'}.\n\n` +
        '1. Read the code above; render_shader with shaderId to see it now (try a few times).\n' +
        '2. Change the code; keep what makes it recognisable. Read fractafrag://platform-info for the format.\n' +
        '3. validate_shader, then render_shader your version and compare (check `blank` and renderMs).\n' +
        `4. If ${s.author.username} is the user of your API key: update_shader with id ${s.id}, the new source ` +
        'and a changeNote saying what changed. Otherwise fork_shader, update_shader the fork, and publish it ' +
        'with update_shader status "published".\n' +
        '5. get_render_status with waitSeconds 60 to confirm the new thumbnail.';
      return {
        description: `Improve "${s.title}"`,
        messages: [
          { role: 'user', content: { type: 'text', text: code } },
          { role: 'user', content: { type: 'text', text: task } },
        ],
      };
    },
  );
}
