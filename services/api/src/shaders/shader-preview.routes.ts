import { RENDER_PREVIEW_HEADERS, renderPreviewBodySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { renderPreview } from './shader-preview.service.ts';

/** A still of an unsaved source, on the same renderer (and runtime) as thumbnails. */
export function registerShaderPreviewRoutes(route: DefineRoute, deps: ApiDeps): void {
  route(
    {
      method: 'post',
      path: '/shaders/render',
      tag: 'Shaders',
      summary: 'Render one frame of a source without saving it; the reply is the image',
      description:
        `The body is the image (PNG or WebP). Headers: \`${RENDER_PREVIEW_HEADERS.renderMs}\` (milliseconds), ` +
        `\`${RENDER_PREVIEW_HEADERS.blank}\` (true when the frame is one flat colour), ` +
        `\`${RENDER_PREVIEW_HEADERS.avgColor}\` (#rrggbb). A shader that does not compile is a 422 ` +
        'compile_error whose details.errors carry the pass and your own line numbers; one that is too slow ' +
        'is a 422 render_timeout.',
      rateLimit: 'write',
      body: renderPreviewBodySchema,
      responses: {
        200: { description: 'The frame', contentType: 'image/png' },
        422: { description: 'Invalid body, or the shader does not compile, times out or crashes the GPU' },
        503: { description: 'The renderer is unreachable or overloaded' },
      },
    },
    async ({ body, res }) => {
      const preview = await renderPreview(deps.settings.rendererUrl, body);
      res
        .status(200)
        .set({
          'content-type': preview.contentType,
          'cache-control': 'no-store',
          [RENDER_PREVIEW_HEADERS.renderMs]: preview.renderMs,
          [RENDER_PREVIEW_HEADERS.blank]: preview.blank,
          [RENDER_PREVIEW_HEADERS.avgColor]: preview.avgColor,
        })
        .send(preview.image);
      return undefined;
    },
  );
}
