import {
  importWarningsSchema,
  shaderDetailSchema,
  shaderIdParamsSchema,
  shadertoyExportSchema,
  shadertoyImportBodySchema,
  shadertoyImportQuerySchema,
} from '@fractafrag/contracts';
import type { DefineRoute } from '../http/route.ts';
import type { ShaderDeps } from './shader.service.ts';
import { exportToShadertoy, importFromShadertoy } from './shadertoy.service.ts';

/** Bring Shadertoy work along: import either JSON shape, export the API shape. */
export function registerShadertoyRoutes(route: DefineRoute, deps: ShaderDeps): void {
  route(
    {
      method: 'post',
      path: '/shaders/import',
      tag: 'Shadertoy',
      summary: 'Import Shadertoy JSON (API shape or the site’s array) as a new shader',
      description:
        'Title, description and tags come from `info`; passes, Common and buffer wiring (by output id) ' +
        'from `renderpass`. Noise textures map to the built-in ones, other textures fall back to a ' +
        'noise (see importWarnings); sound, cubemap, video, webcam, keyboard, music and volume inputs ' +
        'are refused with 422.',
      auth: 'write',
      rateLimit: 'publish',
      query: shadertoyImportQuerySchema,
      body: shadertoyImportBodySchema,
      responses: {
        201: {
          description: 'The new shader, and what the import substituted',
          schema: shaderDetailSchema.extend({ importWarnings: importWarningsSchema }),
        },
        422: { description: 'Not importable; details lists every problem with its JSON path' },
      },
    },
    async ({ body, query, auth, req }) => {
      const shader = await importFromShadertoy(deps, auth!.userId, body, query, req.id);
      return { status: 201, body: shader, headers: { Location: `/api/v1/shaders/${shader.id}` } };
    },
  );
  route(
    {
      method: 'get',
      path: '/shaders/:id/export',
      tag: 'Shadertoy',
      summary: 'Download the current version as Shadertoy JSON (API shape)',
      params: shaderIdParamsSchema,
      responses: {
        200: { description: 'Shadertoy JSON, as an attachment', schema: shadertoyExportSchema },
        404: { description: 'No such shader, or not visible to the caller' },
      },
    },
    async ({ params, auth }) => {
      const { json, fileName } = await exportToShadertoy(deps, params.id, auth?.userId);
      return {
        status: 200,
        body: json,
        headers: { 'Content-Disposition': `attachment; filename="${fileName}"` },
      };
    },
  );
}
