import { z } from 'zod';
import {
  dashboardLinkSchema,
  failedJobsPageSchema,
  failedJobsQuerySchema,
  queueSummaryListSchema,
  retryFailedBodySchema,
  retryFailedResultSchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { adminQueuesFor } from '../queue/admin-queues.ts';
import {
  createDashboardLink,
  listFailedJobs,
  listQueues,
  retryFailedJobs,
  type AdminDeps,
} from './admin.service.ts';

export function adminDeps(deps: ApiDeps): AdminDeps {
  return {
    pool: deps.pool,
    redis: deps.redis,
    queues: adminQueuesFor(deps),
    logger: deps.logger,
    publicUrl: deps.settings.publicUrl,
  };
}

const queueParams = z.object({
  name: z.string().max(40).describe('Queue name: render, embed, score, taste or desire'),
});
const denied = {
  401: { description: 'Not logged in' },
  403: { description: 'Not an admin' },
};

export function registerAdminRoutes(route: DefineRoute, deps: ApiDeps): void {
  const admin = adminDeps(deps);
  route(
    {
      method: 'get',
      path: '/admin/queues',
      tag: 'Admin',
      summary: 'Job counts of every queue (waiting, active, delayed, failed, completed, paused)',
      auth: 'user',
      responses: { 200: { description: 'One entry per queue', schema: queueSummaryListSchema }, ...denied },
    },
    async ({ auth }) => ({ status: 200, body: await listQueues(admin, auth!) }),
  );
  route(
    {
      method: 'get',
      path: '/admin/queues/:name/failed',
      tag: 'Admin',
      summary: "A queue's dead letters: failed jobs with their payload, reason and attempts, newest first",
      description:
        'Failed jobs are kept (dead letters) until an admin retries them. Render jobs that fail for good ' +
        '(compile error, timeout) also show their reason on the shader.',
      auth: 'user',
      params: queueParams,
      query: failedJobsQuerySchema,
      responses: {
        200: { description: 'A page of failed jobs', schema: failedJobsPageSchema },
        ...denied,
        404: { description: 'No such queue' },
        422: { description: 'offset or limit out of range' },
      },
    },
    async ({ params, query, auth }) => ({
      status: 200,
      body: await listFailedJobs(admin, auth!, params.name, query.offset, query.limit),
    }),
  );
  route(
    {
      method: 'post',
      path: '/admin/queues/:name/retry',
      tag: 'Admin',
      summary: 'Retry one failed job (jobId) or every failed job of the queue, with fresh attempts',
      auth: 'write',
      params: queueParams,
      body: retryFailedBodySchema,
      responses: {
        200: { description: 'The jobs moved back to waiting', schema: retryFailedResultSchema },
        ...denied,
        404: { description: 'No such queue, or no job with that id' },
        409: { description: 'The job is not failed (waiting, running or completed)' },
        422: { description: 'Invalid body' },
      },
    },
    async ({ params, body, auth }) => ({
      status: 200,
      body: await retryFailedJobs(admin, auth!, params.name, body.jobId),
    }),
  );
  route(
    {
      method: 'post',
      path: '/admin/dashboard-link',
      tag: 'Admin',
      summary: 'A one-time link (valid 60 s) that opens the queue dashboard in a browser',
      description:
        'The dashboard at /api/admin/queues accepts an admin access token or API key in the ' +
        'Authorization header; a browser cannot send one, so open this link instead: it sets an ' +
        'HttpOnly session cookie (1 hour, path /api/admin/queues) and redirects to the dashboard.',
      auth: 'write',
      responses: {
        201: { description: 'The link and when it stops working', schema: dashboardLinkSchema },
        ...denied,
      },
    },
    async ({ auth }) => ({ status: 201, body: await createDashboardLink(admin, auth!) }),
  );
}
