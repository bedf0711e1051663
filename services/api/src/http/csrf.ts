import type { Request, RequestHandler } from 'express';
import { AppError } from '@fractafrag/core';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CsrfGuardOptions {
  /** PUBLIC_URL's origin and CORS_ORIGINS are the origins whose pages may send these requests. */
  publicUrl: string;
  corsOrigins: string[];
  /** Whether the request is authenticated by a cookie; by default every request the guard sees is. */
  usesCookie?: (req: Request) => boolean;
}

/**
 * Defence in depth for cookie-authenticated endpoints, on top of their SameSite cookies: an unsafe
 * request (POST, PUT, PATCH, DELETE) is refused with 403 csrf_rejected when the browser says it
 * comes from another site (Sec-Fetch-Site: cross-site or same-site), or when it carries an Origin
 * that is not a trusted one, unless the browser vouches that it is same-origin (the Vite dev
 * server, or the site reached under another host name). A trusted Origin always passes. Requests
 * with neither header (curl, server to server) cannot be forged by a web page and pass.
 */
export function csrfGuard(options: CsrfGuardOptions): RequestHandler {
  const trusted = new Set(
    [options.publicUrl, ...options.corsOrigins].map(originOf).filter((o) => o !== undefined),
  );
  return (req, _res, next) => {
    if (!UNSAFE_METHODS.has(req.method) || (options.usesCookie && !options.usesCookie(req))) return next();
    const reason = crossSiteReason(req.header('origin'), req.header('sec-fetch-site'), trusted);
    next(
      reason
        ? new AppError(
            403,
            'csrf_rejected',
            `${reason}: this endpoint is authenticated by a cookie, so requests from other sites are refused ` +
              '(cross-site request forgery). Call it from the site itself, or without a browser.',
          )
        : undefined,
    );
  };
}

function crossSiteReason(
  origin: string | undefined,
  fetchSite: string | undefined,
  trusted: Set<string>,
): string | undefined {
  if (origin !== undefined && trusted.has(origin)) return undefined;
  const site = fetchSite?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return `The browser marked it Sec-Fetch-Site: ${site}`;
  if (origin !== undefined && site !== 'same-origin') {
    return `Its Origin ${JSON.stringify(origin.slice(0, 100))} is neither PUBLIC_URL nor one of CORS_ORIGINS`;
  }
  return undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
