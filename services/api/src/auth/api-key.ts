import { createHash, randomBytes } from 'node:crypto';

/** API keys look like `ff_<8 char prefix>_<secret>`; only the sha256 of the whole key is stored. */
export const API_KEY_PREFIX = 'ff_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  const key = `${API_KEY_PREFIX}${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, prefix: `${API_KEY_PREFIX}${prefix}`, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export const looksLikeApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);
