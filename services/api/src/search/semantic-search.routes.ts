import { semanticSearchQuerySchema, semanticSearchResultSchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { discoveryDepsFrom } from './search.routes.ts';
import { semanticSearch, workerQueryEmbedder, type SemanticSearchDeps } from './semantic-search.service.ts';

/** Registered before the shader routes: `/shaders/semantic` must not be read as `/shaders/:id`. */
export function registerSemanticSearchRoutes(route: DefineRoute, deps: ApiDeps): void {
  const semantic: SemanticSearchDeps = {
    ...discoveryDepsFrom(deps),
    embedQuery: workerQueryEmbedder(deps.settings.workerUrl, deps.logger),
  };
  route(
    {
      method: 'get',
      path: '/shaders/semantic',
      tag: 'Shaders',
      summary: 'Search published public shaders by meaning',
      description:
        'Embeds q with the same text model as the shaders (title, description, tags, code) and returns ' +
        'the nearest published public shaders by cosine similarity, closest first: "raymarched scene with ' +
        'soft shadows" finds sphere-traced SDF scenes that never use those words. Shaders not embedded ' +
        'yet are not found. For words, filters and pages, use GET /shaders?q=.',
      rateLimit: 'read',
      query: semanticSearchQuerySchema,
      responses: {
        200: { description: 'The closest shaders, closest first', schema: semanticSearchResultSchema },
        422: { description: 'q is empty or longer than 200 characters, or limit is not 1–50' },
        503: { description: 'The worker that embeds queries is unreachable; use GET /shaders?q= meanwhile' },
      },
    },
    async ({ query }) => ({ status: 200, body: await semanticSearch(semantic, query) }),
  );
}
