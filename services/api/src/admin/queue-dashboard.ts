import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import cookieParser from 'cookie-parser';
import express, { type CookieOptions, type Request, type RequestHandler, type Router } from 'express';
import { QUEUE_NAMES } from '@fractafrag/contracts';
import { unauthorized } from '@fractafrag/core';
import { authenticate } from '../auth/auth.middleware.ts';
import type { ApiDeps } from '../deps.ts';
import { csrfGuard } from '../http/csrf.ts';
import { adminDeps } from './admin.routes.ts';
import {
  assertAdmin,
  checkDashboardSession,
  DASHBOARD_PATH,
  DASHBOARD_SESSION_TTL_SECONDS,
  openDashboardSession,
  type AdminDeps,
} from './admin.service.ts';

export { DASHBOARD_PATH };
export const DASHBOARD_COOKIE = 'ff_queue_dashboard';

/**
 * Who may see the dashboard, in order:
 *  1. `?token=` from POST /api/v1/admin/dashboard-link: redeemed once, it sets an HttpOnly session
 *     cookie (path-scoped to the dashboard, SameSite=Lax so the link opens from anywhere, while
 *     other sites cannot post to it) and redirects to the bare dashboard URL;
 *  2. that session cookie (the stored role is re-checked on every request);
 *  3. an admin's access token or API key in Authorization / X-API-Key (curl, or a browser
 *     extension that adds the header).
 */
function dashboardAuth(deps: ApiDeps, admin: AdminDeps): RequestHandler {
  const byHeader = authenticate(deps.tokens, deps.pool);
  const cookie: CookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.settings.cookieSecure,
    path: DASHBOARD_PATH,
    maxAge: DASHBOARD_SESSION_TTL_SECONDS * 1000,
  };
  const headerAuth = (req: Request) =>
    new Promise<void>((resolve, reject) => {
      const done = (err?: unknown) => (err ? reject(err as Error) : resolve());
      Promise.resolve(byHeader(req, {} as never, done)).catch(done);
    });
  return async (req, res, next) => {
    const token = req.query.token;
    if (typeof token === 'string') {
      const session = await openDashboardSession(admin, token);
      res.cookie(DASHBOARD_COOKIE, session, cookie);
      res.redirect(303, `${DASHBOARD_PATH}/`);
      return;
    }
    const session = (req.cookies as Record<string, unknown> | undefined)?.[DASHBOARD_COOKIE];
    if (typeof session === 'string' && !req.header('authorization') && !req.header('x-api-key')) {
      await checkDashboardSession(admin, session);
      return next();
    }
    await headerAuth(req);
    if (!req.auth) {
      throw unauthorized(
        'The queue dashboard needs an admin: open a link from POST /api/v1/admin/dashboard-link, ' +
          'or send an admin access token or API key in the Authorization header.',
      );
    }
    assertAdmin(req.auth);
    next();
  };
}

/** The BullMQ dashboard (bull-board) for every catalogued queue, mounted at DASHBOARD_PATH. */
export function queueDashboard(deps: ApiDeps): Router {
  const admin = adminDeps(deps);
  const serverAdapter = new ExpressAdapter().setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(admin.queues[name])),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Fractafrag queues' } },
  });
  const router = express.Router();
  router.use(cookieParser());
  // bull-board's retry/clean/pause actions are POST/PUT: refused from other sites when the session cookie is the credential.
  router.use(
    csrfGuard({
      ...deps.settings,
      usesCookie: (req) => !req.header('authorization') && !req.header('x-api-key'),
    }),
  );
  router.use(dashboardAuth(deps, admin));
  router.use(serverAdapter.getRouter() as RequestHandler);
  return router;
}
