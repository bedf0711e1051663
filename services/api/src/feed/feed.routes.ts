import {
  forYouPageSchema,
  listQuerySchema,
  pageSchema,
  shaderSummarySchema,
  topFeedQuerySchema,
} from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { discoveryDepsFrom } from '../search/search.routes.ts';
import { forYou, newShaders, topShaders, trendingShaders } from './feed.service.ts';

const page = { description: 'A page of shaders', schema: pageSchema(shaderSummarySchema) };
const badCursor = { description: 'The cursor is malformed or belongs to another feed' };
const invalidQuery = { description: 'A query parameter is invalid (e.g. limit over 100)' };

export function registerFeedRoutes(route: DefineRoute, deps: ApiDeps): void {
  const discovery = discoveryDepsFrom(deps);
  route(
    {
      method: 'get',
      path: '/feed',
      tag: 'Feed',
      summary: 'For you: shaders ranked by your taste (trending when there is none yet)',
      description:
        'Nearest neighbours of your taste vector, plus trending and new shaders, minus your own and those you ' +
        'have already seen, ranked by similarity, hot score and freshness, with no author twice in a row. ' +
        'Anonymous callers and users without a taste vector get the trending feed; `source` says which.',
      query: listQuerySchema,
      responses: {
        200: { description: 'A page of the feed', schema: forYouPageSchema },
        400: badCursor,
        422: invalidQuery,
      },
    },
    async ({ query, auth }) => ({
      status: 200,
      body: await forYou(discovery, auth, query.limit, query.cursor),
    }),
  );
  route(
    {
      method: 'get',
      path: '/feed/trending',
      // Score-ordered lists: a couple of seconds of staleness is invisible, and saves a query per request.
      cacheSeconds: 2,
      tag: 'Feed',
      summary: 'Trending: published public shaders by hot score',
      description:
        'Hot score: Wilson lower bound of votes plus damped replays and dwell, halving every 48 h.',
      query: listQuerySchema,
      responses: { 200: page, 400: badCursor, 422: invalidQuery },
    },
    async ({ query }) => ({ status: 200, body: await trendingShaders(discovery, query.limit, query.cursor) }),
  );
  route(
    {
      method: 'get',
      path: '/feed/new',
      tag: 'Feed',
      summary: 'Newest published public shaders',
      query: listQuerySchema,
      responses: { 200: page, 400: badCursor, 422: invalidQuery },
    },
    async ({ query }) => ({ status: 200, body: await newShaders(discovery, query.limit, query.cursor) }),
  );
  route(
    {
      method: 'get',
      path: '/feed/top',
      // Score-ordered lists: a couple of seconds of staleness is invisible, and saves a query per request.
      cacheSeconds: 2,
      tag: 'Feed',
      summary: 'Top: most net up-votes among shaders published within the period',
      query: topFeedQuerySchema,
      responses: { 200: page, 400: badCursor, 422: invalidQuery },
    },
    async ({ query }) => ({
      status: 200,
      body: await topShaders(discovery, query.period, query.limit, query.cursor),
    }),
  );
}
