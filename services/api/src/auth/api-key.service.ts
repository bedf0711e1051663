import {
  type ApiKeyInfo,
  type CreateApiKeyBody,
  type CreatedApiKey,
  MAX_ACTIVE_API_KEYS,
} from '@fractafrag/contracts';
import { conflict, forbidden, notFound } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { generateApiKey } from './api-key.ts';
import { type ApiKeyRow, insertApiKeyCapped, listApiKeys, revokeApiKey } from './api-key.repository.ts';
import type { AuthContext } from './auth-context.ts';
import { isUuid } from './ids.ts';

const toInfo = (row: ApiKeyRow): ApiKeyInfo => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** A leaked key must not be able to mint or revoke keys: managing them needs a real login. */
function requireLogin(auth: AuthContext): void {
  if (auth.apiKeyId) {
    throw forbidden('API keys cannot create or revoke API keys: log in and use your access token.');
  }
}

export async function listMyApiKeys(pool: Pool, auth: AuthContext): Promise<ApiKeyInfo[]> {
  return (await listApiKeys(pool, auth.userId)).map(toInfo);
}

export async function createMyApiKey(
  pool: Pool,
  auth: AuthContext,
  body: CreateApiKeyBody,
): Promise<CreatedApiKey> {
  requireLogin(auth);
  const generated = generateApiKey();
  const row = await insertApiKeyCapped(
    pool,
    {
      userId: auth.userId,
      name: body.name,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: body.scopes,
    },
    MAX_ACTIVE_API_KEYS,
  );
  if (row === 'limit_reached') {
    throw conflict(
      `You already have ${MAX_ACTIVE_API_KEYS} active API keys: revoke one you no longer use first.`,
    );
  }
  return { ...toInfo(row), key: generated.key };
}

export async function revokeMyApiKey(pool: Pool, auth: AuthContext, keyId: string): Promise<void> {
  requireLogin(auth);
  if (!isUuid(keyId) || !(await revokeApiKey(pool, auth.userId, keyId))) throw notFound('API key');
}
