import {
  forkBodySchema,
  pageSchema,
  restoreBodySchema,
  shaderDetailSchema,
  shaderIdParamsSchema,
  shaderVersionDetailSchema,
  shaderVersionSummarySchema,
  versionListQuerySchema,
  versionParamsSchema,
} from '@fractafrag/contracts';
import type { DefineRoute } from '../http/route.ts';
import { restoreVersion } from './shader-update.service.ts';
import { forkShader, getShaderVersion, listShaderVersions } from './shader-version.service.ts';
import type { ShaderDeps } from './shader.service.ts';

const NOT_VISIBLE = { description: 'No such shader (or version), or not visible to the caller' };

/** Immutable versions (list, read, restore as a new version) and forks. */
export function registerShaderVersionRoutes(route: DefineRoute, deps: ShaderDeps): void {
  route(
    {
      method: 'get',
      path: '/shaders/:id/versions',
      tag: 'Shader versions',
      summary: 'Versions of a shader, newest first, with change notes, authors and code hashes',
      params: shaderIdParamsSchema,
      query: versionListQuerySchema,
      responses: {
        200: { description: 'A page of versions', schema: pageSchema(shaderVersionSummarySchema) },
        404: NOT_VISIBLE,
      },
    },
    async ({ params, query, auth }) => ({
      status: 200,
      body: await listShaderVersions(deps, params.id, auth?.userId, query),
    }),
  );
  route(
    {
      method: 'get',
      path: '/shaders/:id/versions/:version',
      tag: 'Shader versions',
      summary: 'One version with its full source',
      params: versionParamsSchema,
      responses: { 200: { description: 'The version', schema: shaderVersionDetailSchema }, 404: NOT_VISIBLE },
    },
    async ({ params, auth }) => ({
      status: 200,
      body: await getShaderVersion(deps, params.id, params.version, auth?.userId),
    }),
  );
  route(
    {
      method: 'post',
      path: '/shaders/:id/versions/:version/restore',
      tag: 'Shader versions',
      summary: 'Restore an old version as a NEW version (history is never rewritten)',
      auth: 'write',
      params: versionParamsSchema,
      body: restoreBodySchema,
      responses: {
        201: { description: 'The new version, now current', schema: shaderVersionDetailSchema },
        403: { description: 'Not the author' },
        404: NOT_VISIBLE,
        409: { description: 'That version already has the current source' },
      },
    },
    async ({ params, body, auth, req }) => {
      const created = await restoreVersion(deps, params.id, params.version, auth!, body.changeNote, req.id);
      return {
        status: 201,
        body: created,
        headers: { Location: `/api/v1/shaders/${params.id}/versions/${created.version}` },
      };
    },
  );
  route(
    {
      method: 'post',
      path: '/shaders/:id/fork',
      tag: 'Shaders',
      summary: 'Fork a shader into a new draft owned by the caller',
      description:
        'Copies the current version (or `version`) and records forked_from. Others may fork published ' +
        'public or unlisted shaders; authors may fork their own in any state.',
      auth: 'write',
      rateLimit: 'publish',
      params: shaderIdParamsSchema,
      body: forkBodySchema,
      responses: {
        201: { description: 'The new draft', schema: shaderDetailSchema },
        403: { description: 'Visible but not forkable (archived)' },
        404: NOT_VISIBLE,
      },
    },
    async ({ params, body, auth, req }) => {
      const fork = await forkShader(deps, params.id, auth!, body, req.id);
      return { status: 201, body: fork, headers: { Location: `/api/v1/shaders/${fork.id}` } };
    },
  );
}
