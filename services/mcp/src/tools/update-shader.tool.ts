import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ShaderDetail, ShaderSource } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';
import { refuseUnlessCompiles } from './compile-check.ts';
import { descriptionInput, tagsInput, titleInput, typeInput, visibilityInput } from './shader-meta-input.ts';
import { readShaderSource, shaderSourceInput } from './shader-source-input.ts';
import { apiError, requireApiKey, toolError, toolJson } from './tool-result.ts';
import { shaderWriteOutput, shaderWriteResult } from './write-result.ts';

const notYours =
  'Only the author can edit a shader: use fork_shader to make your own copy, then update that.';

export function registerUpdateShader(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'update_shader',
    {
      title: 'Update shader',
      description:
        'Edit one of your shaders (needs an API key with the write scope). A new source (code or passes; it ' +
        'replaces Common and every pass) is compiled first, then becomes a new immutable version with your ' +
        'changeNote and is re-rendered; metadata changes make no version; status publishes a draft or ' +
        'archives. Old versions stay readable. Returns id, version and render state.',
      inputSchema: {
        id: z.uuid().describe('The shader to edit (yours)'),
        ...shaderSourceInput,
        changeNote: z
          .string()
          .trim()
          .max(500)
          .optional()
          .describe('What changed in this version, e.g. "fixed banding in the sky"; only with a new source'),
        title: titleInput.optional(),
        description: descriptionInput.optional(),
        tags: tagsInput.optional().describe('Replaces all tags'),
        type: typeInput.optional(),
        visibility: visibilityInput.optional(),
        thumbnailTime: z
          .number()
          .min(0)
          .max(3600)
          .optional()
          .describe('Seconds into the shader at which the thumbnail is captured (re-renders it)'),
        status: z
          .enum(['published', 'archived'])
          .optional()
          .describe('published: publish a draft (or un-archive); archived: take a published shader down'),
      },
      outputSchema: {
        ...shaderWriteOutput,
        newVersion: z.boolean().describe('Whether this call created a new version'),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    async ({ id, status, changeNote, code, common, passes, ...meta }) => {
      const noKey = requireApiKey(ctx, 'update_shader');
      if (noKey) return noKey;
      let source: ShaderSource | undefined;
      if (code !== undefined || passes !== undefined || common !== undefined) {
        const reading = readShaderSource({ code, common, passes });
        if (!reading.ok) return toolError(reading.error);
        source = reading.source;
      } else if (changeNote !== undefined) {
        return toolError('changeNote describes a new source: send it together with code or passes.');
      }
      const edits = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
      if (!source && Object.keys(edits).length === 0 && !status) {
        return toolError(
          'Nothing to change: give a new source (code or passes, with changeNote), metadata (title, ' +
            'description, tags, type, visibility, thumbnailTime) or status.',
        );
      }
      const before = await ctx.api.get<ShaderDetail>(`/shaders/${id}`);
      if (!before.ok) {
        return apiError(ctx, `edit shader ${id}`, before, {
          notFound: `no shader with id ${id} is visible to you. Your shaders: browse_shaders with author = your username.`,
        });
      }
      if (source) {
        const refused = await refuseUnlessCompiles(ctx, source, 'update_shader');
        if (refused) return refused;
      }
      let shader = before.data;
      if (source || Object.keys(edits).length > 0) {
        const patched = await ctx.api.send<ShaderDetail>('PATCH', `/shaders/${id}`, {
          ...edits,
          ...(source ? { source, ...(changeNote ? { changeNote } : {}) } : {}),
        });
        if (!patched.ok) return apiError(ctx, `edit shader ${id}`, patched, { forbidden: notYours });
        shader = patched.data;
      }
      if (status && status !== shader.status) {
        const moved = await ctx.api.send<ShaderDetail>('POST', `/shaders/${id}/status`, { status });
        if (!moved.ok)
          return apiError(ctx, `change the status of shader ${id}`, moved, { forbidden: notYours });
        shader = moved.data;
      }
      const newVersion = shader.currentVersion > before.data.currentVersion;
      return toolJson(
        { ...shaderWriteResult(shader, ctx.renders.publicUrl), newVersion },
        `Updated "${shader.title}": ${newVersion ? `new version v${shader.currentVersion}` : `still v${shader.currentVersion}`}` +
          `${source && !newVersion ? ' (the source is identical to the current one)' : ''}, ${shader.status}, render ` +
          `${shader.renderState}.`,
      );
    },
  );
}
