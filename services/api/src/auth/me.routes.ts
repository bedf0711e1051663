import { meSchema, updateMeBodySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { getMe, updateMe } from './me.service.ts';
import { setRefreshCookie } from './refresh-cookie.ts';
import type { SessionDeps } from './session.service.ts';

export function registerMeRoutes(route: DefineRoute, deps: ApiDeps, sessionDeps: SessionDeps): void {
  route(
    {
      method: 'get',
      path: '/me',
      tag: 'Accounts',
      summary: 'The current user and their profile',
      auth: 'user',
      responses: { 200: { description: 'The current user', schema: meSchema } },
    },
    async ({ auth }) => ({ status: 200, body: await getMe(deps, auth!.userId) }),
  );
  route(
    {
      method: 'patch',
      path: '/me',
      tag: 'Accounts',
      summary: 'Update your profile, email or password',
      description:
        'Changing email or password needs `currentPassword`. A new password logs out every session; ' +
        'a browser caller gets a fresh refresh cookie.',
      auth: 'write',
      body: updateMeBodySchema,
      responses: {
        200: { description: 'The updated user', schema: meSchema },
        403: { description: 'currentPassword is wrong' },
        409: { description: 'The new email belongs to another account' },
      },
    },
    async ({ auth, body, res }) => {
      const { me, session } = await updateMe(sessionDeps, auth!, body);
      if (session) {
        setRefreshCookie(res, session.refreshToken, session.refreshExpiresAt, deps.settings.cookieSecure);
      }
      return { status: 200, body: me };
    },
  );
}
