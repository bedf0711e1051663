import type { RequestHandler } from 'express';
import { unauthorized } from '@fractafrag/core';
import type { AccessClaims, TokenService } from './tokens.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AccessClaims;
    }
  }
}

/** Reads an optional `Authorization: Bearer <access token>`; a present but bad token is a 401. */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.header('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return next(unauthorized('Malformed Authorization header: use "Bearer <token>".'));
    req.auth = await tokens.verifyAccessToken(match[1]);
    next();
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : unauthorized());
};

export function currentUserId(req: Express.Request): string {
  if (!req.auth) throw unauthorized();
  return req.auth.userId;
}
