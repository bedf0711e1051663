import {
  apiKeyListSchema,
  createdApiKeySchema,
  type ApiKeyInfo,
  type CreatedApiKey,
} from '@fractafrag/contracts';
import { apiFetch } from '../api/client.ts';

export const API_KEYS_QUERY_KEY = ['me', 'api-keys'] as const;

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKeyInfo[]> {
  const page = await apiFetch('/me/api-keys', { schema: apiKeyListSchema, ...(signal ? { signal } : {}) });
  return page.items;
}

export function createApiKey(name: string, scopes: ('read' | 'write')[]): Promise<CreatedApiKey> {
  return apiFetch('/me/api-keys', { method: 'POST', body: { name, scopes }, schema: createdApiKeySchema });
}

export function revokeApiKey(id: string): Promise<void> {
  return apiFetch(`/me/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
