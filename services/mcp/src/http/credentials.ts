import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Credentials } from '../api-client.ts';

/** The caller's credentials as sent: passed on to the API unchanged, never checked here. */
export function credentialsFrom(req: Request): Credentials {
  const authorization = req.header('authorization');
  const apiKey = req.header('x-api-key');
  return { ...(authorization ? { authorization } : {}), ...(apiKey ? { apiKey } : {}) };
}

/** A digest that tells whether two requests carry the same credentials, without keeping them. */
export function credentialsFingerprint(credentials: Credentials): string {
  return createHash('sha256')
    .update(`${credentials.authorization ?? ''}\u0000${credentials.apiKey ?? ''}`)
    .digest('hex');
}
