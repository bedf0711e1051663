import {
  createDesireBodySchema,
  desireClosureSchema,
  desireClusterListSchema,
  desireClusterQuerySchema,
  desireDetailSchema,
  desireFulfilmentSchema,
  desireIdParamsSchema,
  desireListQuerySchema,
  desirePageSchema,
  desireSchema,
  desireSupportResultSchema,
  desireTipResultSchema,
  fulfilDesireBodySchema,
  tipDesireBodySchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import {
  closeDesire,
  createDesire,
  fulfilDesire,
  getDesire,
  listDesireClusters,
  listDesirePage,
  supportDesire,
  tipDesire,
  unsupportDesire,
  type DesireDeps,
} from './desire.service.ts';

const notFound = { description: 'No such desire' };
const notOpen = { description: 'The desire is not open (fulfilled, closed or expired)' };

export function registerDesireRoutes(route: DefineRoute, deps: ApiDeps): void {
  const desireDeps: DesireDeps = { pool: deps.pool, renderQueue: deps.renderQueue, logger: deps.logger };

  route(
    {
      method: 'post',
      path: '/desires',
      tag: 'Desires',
      summary: 'Post a desire: a shader you would like someone to make',
      description: 'The desire is embedded and clustered with similar ones in the background.',
      auth: 'write',
      body: createDesireBodySchema,
      responses: {
        201: { description: 'The new desire; its cluster follows once embedded', schema: desireSchema },
        422: { description: 'Invalid prompt, details or tags' },
      },
    },
    async ({ body, auth, req }) => {
      const desire = await createDesire(desireDeps, auth!.userId, body, req.id);
      return { status: 201, body: desire, headers: { Location: `/api/v1/desires/${desire.id}` } };
    },
  );

  route(
    {
      method: 'get',
      path: '/desires',
      tag: 'Desires',
      summary: 'List desires by heat or newest first',
      query: desireListQuerySchema,
      responses: { 200: { description: 'A page of desires', schema: desirePageSchema } },
    },
    async ({ query, auth }) => ({
      status: 200,
      body: await listDesirePage(desireDeps, query, auth?.userId ?? null),
    }),
  );

  route(
    {
      method: 'get',
      path: '/desires/:id',
      tag: 'Desires',
      summary: 'One desire with its cluster and up to 5 similar desires',
      params: desireIdParamsSchema,
      responses: { 200: { description: 'The desire', schema: desireDetailSchema }, 404: notFound },
    },
    async ({ params, auth }) => ({
      status: 200,
      body: await getDesire(desireDeps, params.id, auth?.userId ?? null),
    }),
  );

  route(
    {
      method: 'post',
      path: '/desires/:id/support',
      tag: 'Desires',
      summary: 'Say "me too" to a desire (idempotent; not on your own desire)',
      auth: 'write',
      params: desireIdParamsSchema,
      responses: {
        200: { description: 'Supported; the new support count', schema: desireSupportResultSchema },
        403: { description: 'It is your own desire' },
        404: notFound,
        409: notOpen,
      },
    },
    async ({ params, auth }) => ({
      status: 200,
      body: await supportDesire(desireDeps, params.id, auth!.userId),
    }),
  );

  route(
    {
      method: 'delete',
      path: '/desires/:id/support',
      tag: 'Desires',
      summary: 'Withdraw your "me too" (idempotent)',
      auth: 'write',
      params: desireIdParamsSchema,
      responses: {
        200: { description: 'Not supported; the new support count', schema: desireSupportResultSchema },
        404: notFound,
      },
    },
    async ({ params, auth }) => ({
      status: 200,
      body: await unsupportDesire(desireDeps, params.id, auth!.userId),
    }),
  );

  route(
    {
      method: 'post',
      path: '/desires/:id/tip',
      tag: 'Desires',
      summary: "Add points from your balance to a desire's bounty",
      description: 'The bounty goes to whoever fulfils the desire, or back to the tippers if it is closed.',
      auth: 'write',
      params: desireIdParamsSchema,
      body: tipDesireBodySchema,
      responses: {
        200: { description: 'Tipped; the new total and your balance', schema: desireTipResultSchema },
        404: notFound,
        409: { description: 'Not enough points (details: balance, requested), or the desire is not open' },
        422: { description: 'points is not a whole number from 1 to 10000' },
      },
    },
    async ({ params, body, auth }) => ({
      status: 200,
      body: await tipDesire(desireDeps, params.id, auth!.userId, body.points),
    }),
  );

  route(
    {
      method: 'post',
      path: '/desires/:id/fulfil',
      tag: 'Desires',
      summary: 'Fulfil an open desire with one of your published shaders and collect its bounty',
      auth: 'write',
      params: desireIdParamsSchema,
      body: fulfilDesireBodySchema,
      responses: {
        200: {
          description: 'Fulfilled; the bounty was added to your balance',
          schema: desireFulfilmentSchema,
        },
        403: { description: 'Not your shader, or your own desire' },
        404: { description: 'No such desire or shader' },
        409: { description: 'The desire is not open, or the shader is not published (public or unlisted)' },
        422: { description: 'shaderId is not a UUID' },
      },
    },
    async ({ params, body, auth }) => ({
      status: 200,
      body: await fulfilDesire(desireDeps, params.id, auth!.userId, body.shaderId),
    }),
  );

  route(
    {
      method: 'post',
      path: '/desires/:id/close',
      tag: 'Desires',
      summary: 'Close an open desire (its author or a moderator); tips are refunded',
      auth: 'write',
      params: desireIdParamsSchema,
      responses: {
        200: { description: 'Closed', schema: desireClosureSchema },
        403: { description: 'Neither the author nor a moderator' },
        404: notFound,
        409: { description: 'The desire is not open' },
      },
    },
    async ({ params, auth }) => ({ status: 200, body: await closeDesire(desireDeps, params.id, auth!) }),
  );

  route(
    {
      method: 'get',
      path: '/desire-clusters',
      tag: 'Desires',
      summary: 'Clusters of similar desires, largest then hottest first',
      query: desireClusterQuerySchema,
      responses: { 200: { description: 'Clusters with sizes and labels', schema: desireClusterListSchema } },
    },
    async ({ query }) => ({ status: 200, body: await listDesireClusters(desireDeps, query.limit) }),
  );
}
