import type { RequestHandler } from 'express';
import { unauthorized } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { hashApiKey, looksLikeApiKey } from './api-key.ts';
import { findActiveApiKey } from './api-key.repository.ts';
import type { AuthContext, Role } from './auth-context.ts';
import type { TokenService } from './tokens.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}

// These authenticate by password or refresh cookie. A stale access token that a client attaches to
// every request must not turn the refresh (or login) meant to replace it into a 401.
const SESSION_PATHS = new Set(['/auth/register', '/auth/login', '/auth/refresh', '/auth/logout']);

/**
 * Reads credentials when present: `Authorization: Bearer <access token | API key>` or
 * `X-API-Key: <key>`. Present but invalid credentials are a 401, never silently anonymous.
 */
export function authenticate(tokens: TokenService, pool: Pool): RequestHandler {
  return async (req, _res, next) => {
    if (SESSION_PATHS.has(req.path)) return next();
    const header = req.header('authorization');
    const apiKeyHeader = req.header('x-api-key');
    if (!header && !apiKeyHeader) return next();
    let credential = apiKeyHeader;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw unauthorized('Malformed Authorization header: use "Bearer <token or API key>".');
      credential = match[1];
    }
    if (credential && looksLikeApiKey(credential)) {
      const key = await findActiveApiKey(pool, hashApiKey(credential));
      if (!key) throw unauthorized('The API key is unknown or revoked: create a new one under API keys.');
      req.auth = { userId: key.userId, role: key.role, scopes: key.scopes, apiKeyId: key.keyId };
      return next();
    }
    if (!header) throw unauthorized('The X-API-Key header does not hold an API key (they start with "ff_").');
    const claims = await tokens.verifyAccessToken(credential!);
    req.auth = { userId: claims.userId, role: claims.role as Role, scopes: ['read', 'write'] };
    next();
  };
}

export function currentUserId(req: Express.Request): string {
  if (!req.auth) throw unauthorized();
  return req.auth.userId;
}
