import {
  listQuerySchema,
  pageSchema,
  publicProfileSchema,
  shaderSummarySchema,
  usernameParamsSchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { getPublicProfile, listUserShaders, type ProfileDeps } from './profile.service.ts';

export function registerUserRoutes(route: DefineRoute, deps: ApiDeps): void {
  const profileDeps: ProfileDeps = { pool: deps.pool, rendersPublicPath: deps.settings.rendersPublicPath };
  route(
    {
      method: 'get',
      path: '/users/:username',
      tag: 'Users',
      summary: 'Public profile with the first page of their published shaders',
      params: usernameParamsSchema,
      responses: {
        200: { description: 'The profile', schema: publicProfileSchema },
        404: { description: 'No such user' },
      },
    },
    async ({ params }) => ({ status: 200, body: await getPublicProfile(profileDeps, params.username) }),
  );
  route(
    {
      method: 'get',
      path: '/users/:username/shaders',
      tag: 'Users',
      summary: "A user's published public shaders, newest first",
      params: usernameParamsSchema,
      query: listQuerySchema,
      responses: {
        200: { description: 'A page of shaders', schema: pageSchema(shaderSummarySchema) },
        404: { description: 'No such user' },
      },
    },
    async ({ params, query }) => ({
      status: 200,
      body: await listUserShaders(profileDeps, params.username, query.limit, query.cursor),
    }),
  );
}
