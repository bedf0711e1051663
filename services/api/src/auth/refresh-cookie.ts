import type { CookieOptions, Response } from 'express';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './refresh-token.ts';

/** The endpoints the refresh cookie authenticates (below /api/v1), guarded against CSRF (see csrf.ts). */
export const COOKIE_AUTHENTICATED_PATHS = ['/auth/refresh', '/auth/logout'];

/**
 * SameSite=Strict: the SPA and the API share one origin behind nginx, so the browser's own
 * refresh and logout calls always carry the cookie, while no other site can make it send one.
 */
function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: REFRESH_COOKIE_PATH };
}

export function setRefreshCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(REFRESH_COOKIE, token, {
    ...cookieOptions(secure),
    expires: expiresAt,
  });
}

export function clearRefreshCookie(res: Response, secure: boolean): void {
  res.clearCookie(REFRESH_COOKIE, cookieOptions(secure));
}

export function readRefreshCookie(cookies: unknown): unknown {
  return (cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
}
