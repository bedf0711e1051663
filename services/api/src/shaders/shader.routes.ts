import { z } from 'zod';
import { createShaderBodySchema, shaderDetailSchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { createShader, getShader, type ShaderDeps } from './shader.service.ts';

export const shaderIdParams = z.object({ id: z.string().describe('Shader id (UUID)') });

export function shaderDepsFrom(deps: ApiDeps): ShaderDeps {
  return {
    pool: deps.pool,
    renderQueue: deps.renderQueue,
    rendersPublicPath: deps.settings.rendersPublicPath,
    logger: deps.logger,
  };
}

export function registerShaderRoutes(route: DefineRoute, deps: ApiDeps): void {
  const shaderDeps = shaderDepsFrom(deps);
  route(
    {
      method: 'post',
      path: '/shaders',
      tag: 'Shaders',
      summary: 'Create a shader (draft or published); its render is enqueued',
      auth: 'write',
      rateLimit: 'publish',
      body: createShaderBodySchema,
      responses: { 201: { description: 'The new shader at version 1', schema: shaderDetailSchema } },
    },
    async ({ body, req }) => {
      const shader = await createShader(shaderDeps, req.auth!.userId, body, req.id);
      return { status: 201, body: shader, headers: { Location: `/api/v1/shaders/${shader.id}` } };
    },
  );
  route(
    {
      method: 'get',
      path: '/shaders/:id',
      tag: 'Shaders',
      summary: 'One shader with the source of its current version',
      params: shaderIdParams,
      responses: {
        200: { description: 'The shader', schema: shaderDetailSchema },
        404: { description: 'No such shader, or not visible to the caller' },
      },
    },
    async ({ params, auth }) => ({ status: 200, body: await getShader(shaderDeps, params.id, auth?.userId) }),
  );
}
