import { z } from 'zod';
import { updateRoleBodySchema, userRoleSchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { changeUserRole } from './role.service.ts';

const userIdParams = z.object({ id: z.string().describe('User id (UUID)') });

export function registerRoleRoutes(route: DefineRoute, deps: ApiDeps): void {
  route(
    {
      method: 'patch',
      path: '/users/:id/role',
      tag: 'Accounts',
      summary: 'Change a user’s role (admins only)',
      description:
        'Needs an admin login (access token), not an API key. The last admin cannot be demoted. ' +
        'The user’s current access token keeps its old role until it expires (at most 15 minutes).',
      auth: 'write',
      params: userIdParams,
      body: updateRoleBodySchema,
      responses: {
        200: { description: 'The user with the new role', schema: userRoleSchema },
        403: { description: 'The caller is not an admin, or used an API key' },
        404: { description: 'No such user' },
        409: { description: 'It would leave no admin, or the target is the system user' },
      },
    },
    async ({ auth, params, body }) => ({
      status: 200,
      body: await changeUserRole(deps.pool, auth!, params.id, body.role),
    }),
  );
}
