import { voteBodySchema, voteStateSchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { requestTasteRefresh } from '../queue/taste-queue.ts';
import { shaderIdParams } from '../shaders/shader.routes.ts';
import { getVote, setVote, type VoteDeps } from './vote.service.ts';

const voteState = {
  description: "The shader's vote counts and hot score, and the caller's vote",
  schema: voteStateSchema,
};
const notFound = { description: 'No such shader, or not visible to the caller' };

export function registerVoteRoutes(route: DefineRoute, deps: ApiDeps): void {
  const voteDeps: VoteDeps = {
    pool: deps.pool,
    requestTasteRefresh: (userId) => requestTasteRefresh(deps, userId),
  };
  route(
    {
      method: 'put',
      path: '/shaders/:id/vote',
      tag: 'Votes',
      summary: 'Vote a shader up (1) or down (-1); voting again with the other value switches',
      description:
        'One vote per user and shader. Authors cannot vote on their own shaders; drafts and archived shaders take no votes.',
      auth: 'write',
      params: shaderIdParams,
      body: voteBodySchema,
      responses: {
        200: voteState,
        401: { description: 'Not logged in' },
        403: { description: 'Your own shader, or an API key without the write scope' },
        404: notFound,
        409: { description: 'The shader is a draft or archived' },
        422: { description: 'value is not 1 or -1' },
      },
    },
    async ({ params, body, auth }) => ({
      status: 200,
      body: await setVote(voteDeps, params.id, auth!, body.value),
    }),
  );
  route(
    {
      method: 'delete',
      path: '/shaders/:id/vote',
      tag: 'Votes',
      summary: 'Remove your vote (idempotent)',
      auth: 'write',
      params: shaderIdParams,
      responses: {
        200: voteState,
        401: { description: 'Not logged in' },
        403: { description: 'An API key without the write scope' },
        404: notFound,
      },
    },
    async ({ params, auth }) => ({ status: 200, body: await setVote(voteDeps, params.id, auth!, null) }),
  );
  route(
    {
      method: 'get',
      path: '/shaders/:id/vote',
      tag: 'Votes',
      summary: 'Your vote on a shader, with its counts',
      auth: 'user',
      params: shaderIdParams,
      responses: { 200: voteState, 401: { description: 'Not logged in' }, 404: notFound },
    },
    async ({ params, auth }) => ({ status: 200, body: await getVote(voteDeps, params.id, auth!) }),
  );
}
