import { z } from 'zod';
import { authResponseSchema, loginBodySchema, registerBodySchema } from '@fractafrag/contracts';
import { notFound } from '@fractafrag/core';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { currentUserId } from './auth.middleware.ts';
import { login, register } from './auth.service.ts';
import { findUserById } from './user.repository.ts';

export const meSchema = z.object({ id: z.uuid(), username: z.string(), email: z.string(), role: z.string() });

export function registerAuthRoutes(route: DefineRoute, deps: ApiDeps): void {
  const authDeps = { pool: deps.pool, tokens: deps.tokens };
  route(
    {
      method: 'post',
      path: '/auth/register',
      tag: 'Accounts',
      summary: 'Create an account and log in',
      rateLimit: 'auth',
      body: registerBodySchema,
      responses: {
        201: { description: 'Registered; an access token for the new user', schema: authResponseSchema },
        409: { description: 'Username or email already registered' },
      },
    },
    async ({ body }) => ({ status: 201, body: await register(authDeps, body) }),
  );
  route(
    {
      method: 'post',
      path: '/auth/login',
      tag: 'Accounts',
      summary: 'Log in with username or email',
      rateLimit: 'auth',
      body: loginBodySchema,
      responses: {
        200: { description: 'An access token', schema: authResponseSchema },
        401: { description: 'Wrong credentials' },
      },
    },
    async ({ body }) => ({ status: 200, body: await login(authDeps, body) }),
  );
  route(
    {
      method: 'get',
      path: '/me',
      tag: 'Accounts',
      summary: 'The current user',
      auth: 'user',
      responses: { 200: { description: 'The current user', schema: meSchema } },
    },
    async ({ req }) => {
      const user = await findUserById(deps.pool, currentUserId(req));
      if (!user) throw notFound('User');
      return {
        status: 200,
        body: { id: user.id, username: user.username, email: user.email, role: user.role },
      };
    },
  );
}
