import { listQuerySchema, pageSchema, shaderSummarySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { shaderDepsFrom } from '../shaders/shader.routes.ts';
import { newestShaders } from '../shaders/shader.service.ts';

export function registerSearchRoutes(route: DefineRoute, deps: ApiDeps): void {
  const shaderDeps = shaderDepsFrom(deps);
  route(
    {
      method: 'get',
      path: '/shaders',
      tag: 'Shaders',
      summary: 'List published public shaders',
      query: listQuerySchema,
      responses: { 200: { description: 'A page of shaders', schema: pageSchema(shaderSummarySchema) } },
    },
    async ({ query }) => ({ status: 200, body: await newestShaders(shaderDeps, query.limit, query.cursor) }),
  );
}
