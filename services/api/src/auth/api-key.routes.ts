import { z } from 'zod';
import { apiKeyListSchema, createApiKeyBodySchema, createdApiKeySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { createMyApiKey, listMyApiKeys, revokeMyApiKey } from './api-key.service.ts';

const apiKeyIdParams = z.object({ id: z.string().describe('API key id (UUID)') });

export function registerApiKeyRoutes(route: DefineRoute, deps: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/me/api-keys',
      tag: 'Accounts',
      summary: 'Your API keys (never their secrets): active first, then recently revoked',
      auth: 'user',
      responses: { 200: { description: 'Up to 100 keys', schema: apiKeyListSchema } },
    },
    async ({ auth }) => ({ status: 200, body: { items: await listMyApiKeys(deps.pool, auth!) } }),
  );
  route(
    {
      method: 'post',
      path: '/me/api-keys',
      tag: 'Accounts',
      summary: 'Create an API key; the full key is shown only in this reply',
      description:
        'Send it as `Authorization: Bearer ff_…` or `X-API-Key: ff_…`. Needs a login (access token), ' +
        'not an API key. At most 25 active keys per user.',
      auth: 'user',
      body: createApiKeyBodySchema,
      responses: {
        201: { description: 'The new key, with its secret', schema: createdApiKeySchema },
        403: { description: 'Called with an API key instead of a login' },
        409: { description: 'Too many active keys' },
      },
    },
    async ({ auth, body }) => ({ status: 201, body: await createMyApiKey(deps.pool, auth!, body) }),
  );
  route(
    {
      method: 'delete',
      path: '/me/api-keys/:id',
      tag: 'Accounts',
      summary: 'Revoke one of your API keys',
      description: 'Needs a login (access token), not an API key. Revoking a revoked key is a no-op.',
      auth: 'user',
      params: apiKeyIdParams,
      responses: {
        204: { description: 'Revoked: the key is refused from now on' },
        403: { description: 'Called with an API key instead of a login' },
        404: { description: 'You have no key with that id' },
      },
    },
    async ({ auth, params }) => {
      await revokeMyApiKey(deps.pool, auth!, params.id);
      return { status: 204 };
    },
  );
}
