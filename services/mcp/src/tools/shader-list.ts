import { z } from 'zod';
import type { ShaderSummary } from '@fractafrag/contracts';
import type { ToolContext } from '../tool-context.ts';

/** Paging arguments shared by the list tools. */
export const pageInput = {
  limit: z.number().int().min(1).max(100).default(20).describe('How many results to return (1–100)'),
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe('nextCursor from the previous call of this same tool, to get the next page'),
};

/** One line per shader, so an agent can pick ids without reading the JSON. */
export function describeShaderList(
  ctx: ToolContext,
  items: ShaderSummary[],
  nextCursor: string | null,
): string {
  if (items.length === 0) return 'No shaders matched.';
  const lines = items.map((s) => {
    const thumb = s.thumbnailUrl ? `, thumbnail ${ctx.renders.publicUrl(s.thumbnailUrl)}` : '';
    return `- "${s.title}" (id ${s.id}) by ${s.author.username}, v${s.currentVersion}, +${s.votes.up}/-${s.votes.down}${thumb}`;
  });
  const more = nextCursor ? '\nMore results: call again with cursor = nextCursor.' : '';
  return `${items.length} shader(s):\n${lines.join('\n')}${more}`;
}
