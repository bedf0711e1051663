import {
  createShaderBodySchema,
  mineQuerySchema,
  pageSchema,
  shaderDetailSchema,
  shaderIdParamsSchema,
  shaderSummarySchema,
  statusChangeBodySchema,
  updateShaderBodySchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { registerShaderRenderRoutes } from './shader-render.routes.ts';
import { updateShader } from './shader-update.service.ts';
import { registerShaderVersionRoutes } from './shader-version.routes.ts';
import {
  changeStatus,
  createShader,
  deleteShader,
  getShader,
  listMyShaders,
  type ShaderDeps,
} from './shader.service.ts';
import { registerShadertoyRoutes } from './shadertoy.routes.ts';

export const shaderIdParams = shaderIdParamsSchema;

export function shaderDepsFrom(deps: ApiDeps): ShaderDeps {
  return {
    pool: deps.pool,
    renderQueue: deps.renderQueue,
    rendersPublicPath: deps.settings.rendersPublicPath,
    logger: deps.logger,
  };
}

const NOT_VISIBLE = { description: 'No such shader, or not visible to the caller' };

/** The shader lifecycle: create, read, edit, status, delete, plus versions, render and Shadertoy. */
export function registerShaderRoutes(route: DefineRoute, deps: ApiDeps): void {
  const shaderDeps = shaderDepsFrom(deps);
  // Fixed paths first: Express would otherwise read "mine", "validate" or "import" as an :id.
  route(
    {
      method: 'get',
      path: '/shaders/mine',
      tag: 'Shaders',
      summary: "The caller's own shaders (every visibility), newest first, optionally by status",
      auth: 'user',
      query: mineQuerySchema,
      responses: { 200: { description: 'A page of shaders', schema: pageSchema(shaderSummarySchema) } },
    },
    async ({ query, auth }) => ({ status: 200, body: await listMyShaders(shaderDeps, auth!.userId, query) }),
  );
  registerShadertoyRoutes(route, shaderDeps);
  registerShaderRenderRoutes(route, shaderDeps, deps.settings.rendererUrl);

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
      responses: { 200: { description: 'The shader', schema: shaderDetailSchema }, 404: NOT_VISIBLE },
    },
    async ({ params, auth }) => ({ status: 200, body: await getShader(shaderDeps, params.id, auth?.userId) }),
  );
  route(
    {
      method: 'patch',
      path: '/shaders/:id',
      tag: 'Shaders',
      summary: 'Edit metadata and/or the source (a changed source becomes a new immutable version)',
      description:
        'Only the author. A `source` whose code hash differs from the current version becomes version ' +
        'current+1 with `changeNote`, resets the render state to queued and enqueues its render; an ' +
        'identical source makes no version. A new `thumbnailTime` alone re-renders the current version.',
      auth: 'write',
      params: shaderIdParams,
      body: updateShaderBodySchema,
      responses: {
        200: { description: 'The shader after the edit', schema: shaderDetailSchema },
        403: { description: 'The caller can see the shader but is not its author' },
        404: NOT_VISIBLE,
      },
    },
    async ({ params, body, auth, req }) => ({
      status: 200,
      body: await updateShader(shaderDeps, params.id, auth!, body, req.id),
    }),
  );
  route(
    {
      method: 'post',
      path: '/shaders/:id/status',
      tag: 'Shaders',
      summary: 'Change status: draft→published, published→archived, archived→published',
      auth: 'write',
      params: shaderIdParams,
      body: statusChangeBodySchema,
      responses: {
        200: { description: 'The shader in its new status', schema: shaderDetailSchema },
        403: { description: 'Not the author' },
        404: NOT_VISIBLE,
        409: { description: 'Transition not allowed; details.allowed lists the allowed ones' },
      },
    },
    async ({ params, body, auth }) => ({
      status: 200,
      body: await changeStatus(shaderDeps, params.id, auth!, body.status),
    }),
  );
  route(
    {
      method: 'delete',
      path: '/shaders/:id',
      tag: 'Shaders',
      summary: 'Delete a shader (author or moderator); it is then 404 everywhere',
      auth: 'write',
      params: shaderIdParams,
      responses: {
        204: { description: 'Deleted' },
        403: { description: 'Neither the author nor a moderator' },
        404: NOT_VISIBLE,
      },
    },
    async ({ params, auth }) => {
      await deleteShader(shaderDeps, params.id, auth!);
      return { status: 204 };
    },
  );
  registerShaderVersionRoutes(route, shaderDeps);
}
