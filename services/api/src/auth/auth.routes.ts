import type { Response } from 'express';
import { authResponseSchema, loginBodySchema, registerBodySchema } from '@fractafrag/contracts';
import type { ApiDeps } from '../deps.ts';
import type { DefineRoute } from '../http/route.ts';
import { registerApiKeyRoutes } from './api-key.routes.ts';
import { login, register } from './auth.service.ts';
import { registerMeRoutes } from './me.routes.ts';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.ts';
import { registerRoleRoutes } from './role.routes.ts';
import { endSession, refreshSession, type Session, type SessionDeps } from './session.service.ts';

export function sessionDepsFrom(deps: ApiDeps): SessionDeps {
  return { pool: deps.pool, tokens: deps.tokens, refreshTokenTtlDays: deps.settings.refreshTokenTtlDays };
}

const REFRESH_NOTE =
  'Also sets the HttpOnly refresh cookie `fracta_refresh` (SameSite=Strict, Path=/api/v1/auth).';

/** Accounts: sessions (register, login, refresh, logout), the current user, API keys, roles. */
export function registerAuthRoutes(route: DefineRoute, deps: ApiDeps): void {
  const sessionDeps = sessionDepsFrom(deps);
  const { cookieSecure } = deps.settings;
  const withCookie = (res: Response, session: Session) => {
    setRefreshCookie(res, session.refreshToken, session.refreshExpiresAt, cookieSecure);
    return session.auth;
  };

  route(
    {
      method: 'post',
      path: '/auth/register',
      tag: 'Accounts',
      summary: 'Create an account and log in',
      description: REFRESH_NOTE,
      rateLimit: 'auth',
      body: registerBodySchema,
      responses: {
        201: { description: 'Registered; an access token for the new user', schema: authResponseSchema },
        409: { description: 'Username or email already registered' },
      },
    },
    async ({ body, res }) => ({ status: 201, body: withCookie(res, await register(sessionDeps, body)) }),
  );
  route(
    {
      method: 'post',
      path: '/auth/login',
      tag: 'Accounts',
      summary: 'Log in with username or email',
      description: REFRESH_NOTE,
      rateLimit: 'auth',
      body: loginBodySchema,
      responses: {
        200: { description: 'An access token', schema: authResponseSchema },
        401: { description: 'Wrong credentials' },
      },
    },
    async ({ body, res }) => ({ status: 200, body: withCookie(res, await login(sessionDeps, body)) }),
  );
  route(
    {
      method: 'post',
      path: '/auth/refresh',
      tag: 'Accounts',
      summary: 'Exchange the refresh cookie for a new access token and a new refresh cookie',
      description:
        'Authenticated by the `fracta_refresh` cookie alone. Each refresh token works once: presenting ' +
        'one that was already exchanged revokes the whole session (all its tokens) and answers 401.',
      rateLimit: 'session',
      responses: {
        200: {
          description: 'A new access token; the cookie now holds a new refresh token',
          schema: authResponseSchema,
        },
        401: { description: 'No, unknown, expired, logged-out or reused refresh token' },
      },
    },
    async ({ req, res }) => ({
      status: 200,
      body: withCookie(res, await refreshSession(sessionDeps, readRefreshCookie(req.cookies))),
    }),
  );
  route(
    {
      method: 'post',
      path: '/auth/logout',
      tag: 'Accounts',
      summary: 'End the session of the refresh cookie and clear the cookie',
      description: 'Idempotent: without a (valid) cookie there is nothing to end and the reply is still 204.',
      responses: { 204: { description: 'Logged out' } },
    },
    async ({ req, res }) => {
      await endSession(sessionDeps, readRefreshCookie(req.cookies));
      clearRefreshCookie(res, cookieSecure);
      return { status: 204 };
    },
  );

  registerMeRoutes(route, deps, sessionDeps);
  registerApiKeyRoutes(route, deps);
  registerRoleRoutes(route, deps);
}
