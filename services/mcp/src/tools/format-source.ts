import type { ShaderSource } from '@fractafrag/contracts';

/** A source as Markdown: Common, then each pass with its channel bindings, in fenced GLSL blocks. */
export function formatSource(source: ShaderSource): string {
  const parts: string[] = [];
  if (source.common.trim()) parts.push(`### Common\n\`\`\`glsl\n${source.common}\n\`\`\``);
  for (const pass of source.passes) {
    const bindings = pass.channels
      .map((c, i) => (c ? `iChannel${i} = ${c.kind === 'buffer' ? c.pass : `texture ${c.name}`}` : undefined))
      .filter(Boolean);
    const header = bindings.length ? `### ${pass.name} (${bindings.join(', ')})` : `### ${pass.name}`;
    parts.push(`${header}\n\`\`\`glsl\n${pass.code}\n\`\`\``);
  }
  return parts.join('\n\n');
}
