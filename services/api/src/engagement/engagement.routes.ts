import { engagementEventBodySchema, engagementResultSchema, replayBodySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { requestTasteRefresh } from '../queue/taste-queue.ts';
import { shaderIdParams } from '../shaders/shader.routes.ts';
import { recordEngagement, type EngagementDeps } from './engagement.service.ts';

const accepted = {
  description: 'Accepted; counted is false for a repeat within 30 minutes or dwell beyond the cap',
  schema: engagementResultSchema,
};
const responses = {
  202: accepted,
  404: { description: 'No such shader, or not visible to the caller' },
  422: { description: 'Invalid event, or no sessionId without being logged in' },
};

export function registerEngagementRoutes(route: DefineRoute, deps: ApiDeps): void {
  const engagementDeps: EngagementDeps = {
    pool: deps.pool,
    requestTasteRefresh: (userId) => requestTasteRefresh(deps, userId),
  };
  route(
    {
      method: 'post',
      path: '/shaders/:id/events',
      tag: 'Engagement',
      summary: 'Report a view, dwell time or replay of a shader',
      description:
        'Logged in or anonymous (then with a sessionId). A view or replay by the same user or session counts ' +
        'once per 30 minutes; dwell accumulates up to 10 minutes per 30 minutes. Counted events update the ' +
        "shader's counters and hot score. Events on your own shader are not counted.",
      // Telemetry: a scrolling feed sends a few per card, so it shares the generous read budget.
      rateLimit: 'read',
      params: shaderIdParams,
      body: engagementEventBodySchema,
      responses,
    },
    async ({ params, body, auth }) => ({
      status: 202,
      body: await recordEngagement(engagementDeps, params.id, auth, body),
    }),
  );
  route(
    {
      method: 'post',
      path: '/shaders/:id/replay',
      tag: 'Engagement',
      summary: 'Report a replay (shorthand for an event of kind replay)',
      rateLimit: 'read',
      params: shaderIdParams,
      body: replayBodySchema,
      responses,
    },
    async ({ params, body, auth }) => ({
      status: 202,
      body: await recordEngagement(engagementDeps, params.id, auth, {
        kind: 'replay',
        sessionId: body.sessionId,
      }),
    }),
  );
}
