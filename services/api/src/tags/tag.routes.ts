import { popularTagsQuerySchema, popularTagsSchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { popularTags } from './tag.service.ts';

export function registerTagRoutes(route: DefineRoute, deps: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/tags/popular',
      tag: 'Tags',
      summary: 'Tags of published public shaders, most used first',
      query: popularTagsQuerySchema,
      responses: { 200: { description: 'Tags with their shader counts', schema: popularTagsSchema } },
    },
    async ({ query }) => ({ status: 200, body: await popularTags({ pool: deps.pool }, query.limit) }),
  );
}
