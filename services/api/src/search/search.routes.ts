import {
  pageSchema,
  shaderSearchQuerySchema,
  shaderSummarySchema,
  similarQuerySchema,
  similarShadersSchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { shaderIdParams } from '../shaders/shader.routes.ts';
import { searchShaders, type DiscoveryDeps } from './search.service.ts';
import { findSimilarShaders } from './similar.service.ts';

export const discoveryDepsFrom = (deps: ApiDeps): DiscoveryDeps => ({
  pool: deps.pool,
  rendersPublicPath: deps.settings.rendersPublicPath,
});

export function registerSearchRoutes(route: DefineRoute, deps: ApiDeps): void {
  const discovery = discoveryDepsFrom(deps);
  route(
    {
      method: 'get',
      path: '/shaders',
      tag: 'Shaders',
      summary: 'List and search published public shaders',
      description:
        'Filters combine: q (full text over title, tags and description, plus trigram similarity on the ' +
        'title so typos match), tags (all must match), type, author. sort: relevance (default with q), ' +
        'new (default without q), hot, top. Pass nextCursor back as cursor for the next page of the same sort.',
      query: shaderSearchQuerySchema,
      responses: {
        200: { description: 'A page of shaders', schema: pageSchema(shaderSummarySchema) },
        400: { description: 'The cursor is malformed or belongs to another sort' },
        422: { description: 'A query parameter is invalid (e.g. limit over 100, sort=relevance without q)' },
      },
    },
    async ({ query }) => ({ status: 200, body: await searchShaders(discovery, query) }),
  );
  route(
    {
      method: 'get',
      path: '/shaders/:id/similar',
      tag: 'Shaders',
      summary: 'Shaders similar to this one, by text and by look',
      description:
        'Nearest neighbours by text embedding and by visual embedding (cosine), merged by reciprocal-rank ' +
        'fusion; only published public shaders, never the shader itself. Empty until its embeddings exist.',
      params: shaderIdParams,
      query: similarQuerySchema,
      responses: {
        200: { description: 'Similar shaders, closest first', schema: similarShadersSchema },
        404: { description: 'No such shader, or not visible to the caller' },
      },
    },
    async ({ params, query, auth }) => ({
      status: 200,
      body: await findSimilarShaders(discovery, params.id, auth, query.limit),
    }),
  );
}
