import {
  renderRequeuedSchema,
  renderStatusSchema,
  shaderIdParamsSchema,
  validateBodySchema,
  validateResultSchema,
} from '@fractafrag/contracts';
import type { DefineRoute } from '../http/route.ts';
import { getRenderStatus, rerender, validateSource } from './shader-render.service.ts';
import type { ShaderDeps } from './shader.service.ts';

const NOT_VISIBLE = { description: 'No such shader, or not visible to the caller' };

/** Server-side render state, re-render, and compile-only validation on the real renderer. */
export function registerShaderRenderRoutes(route: DefineRoute, deps: ShaderDeps, rendererUrl: string): void {
  route(
    {
      method: 'post',
      path: '/shaders/validate',
      tag: 'Shaders',
      summary: 'Compile a source without saving it; errors carry the pass and your own line numbers',
      rateLimit: 'write',
      body: validateBodySchema,
      responses: {
        200: { description: 'Whether it compiles, and every error', schema: validateResultSchema },
        503: { description: 'The renderer (compiler) is unreachable or overloaded' },
      },
    },
    async ({ body }) => ({ status: 200, body: await validateSource(rendererUrl, body.source) }),
  );
  route(
    {
      method: 'get',
      path: '/shaders/:id/render',
      tag: 'Shaders',
      summary: 'Render state of the current version, its error, thumbnail and artifacts',
      params: shaderIdParamsSchema,
      responses: { 200: { description: 'Render status', schema: renderStatusSchema }, 404: NOT_VISIBLE },
    },
    async ({ params, auth }) => ({ status: 200, body: await getRenderStatus(deps, params.id, auth?.userId) }),
  );
  route(
    {
      method: 'post',
      path: '/shaders/:id/render',
      tag: 'Shaders',
      summary: 'Render the current version again (author or moderator)',
      auth: 'write',
      params: shaderIdParamsSchema,
      responses: {
        202: { description: 'Queued', schema: renderRequeuedSchema },
        403: { description: 'Neither the author nor a moderator' },
        404: NOT_VISIBLE,
      },
    },
    async ({ params, auth, req }) => ({ status: 202, body: await rerender(deps, params.id, auth!, req.id) }),
  );
}
