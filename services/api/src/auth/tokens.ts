import { jwtVerify, SignJWT } from 'jose';
import { unauthorized } from '@fractafrag/core';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  userId: string;
  role: string;
}

export function createTokenService(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    async issueAccessToken(claims: AccessClaims): Promise<string> {
      return new SignJWT({ role: claims.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setIssuedAt()
        .setIssuer('fractafrag')
        .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(key);
    },
    async verifyAccessToken(token: string): Promise<AccessClaims> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: 'fractafrag', algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string') throw new Error('no subject');
        return { userId: payload.sub, role: typeof payload.role === 'string' ? payload.role : 'user' };
      } catch {
        throw unauthorized('The access token is invalid or expired: log in again or refresh it.');
      }
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
