import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { ShaderSummary } from '@fractafrag/contracts';

/** Links to the shader's resources, so a client can fetch its code or thumbnail on demand. */
export function shaderLinks(shader: Pick<ShaderSummary, 'id' | 'title' | 'thumbnailUrl'>): ContentBlock[] {
  const links: ContentBlock[] = [
    {
      type: 'resource_link',
      uri: `fractafrag://shaders/${shader.id}/code`,
      name: `${shader.title} (code)`,
      mimeType: 'text/markdown',
    },
  ];
  if (shader.thumbnailUrl) {
    links.push({
      type: 'resource_link',
      uri: `fractafrag://shaders/${shader.id}/thumbnail`,
      name: `${shader.title} (thumbnail)`,
      mimeType: shader.thumbnailUrl.endsWith('.png') ? 'image/png' : 'image/webp',
    });
  }
  return links;
}
