import { listQuerySchema, pageSchema, shaderSummarySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { shaderDepsFrom } from '../shaders/shader.routes.ts';
import { newestShaders } from '../shaders/shader.service.ts';

export function registerFeedRoutes(route: DefineRoute, deps: ApiDeps): void {
  const shaderDeps = shaderDepsFrom(deps);
  route(
    {
      method: 'get',
      path: '/feed/new',
      tag: 'Feed',
      summary: 'Newest published public shaders',
      query: listQuerySchema,
      responses: { 200: { description: 'A page of shaders', schema: pageSchema(shaderSummarySchema) } },
    },
    async ({ query }) => ({ status: 200, body: await newestShaders(shaderDeps, query.limit, query.cursor) }),
  );
}
