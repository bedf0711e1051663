import type { ErrorBody } from '@fractafrag/core';

/** MCP tools act through the REST API, as the caller (its Authorization header is passed on). */
export interface ApiClient {
  get<T>(path: string): Promise<ApiResult<T>>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export function createApiClient(baseUrl: string, authorization?: string, requestId?: string): ApiClient {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  if (requestId) headers['x-request-id'] = requestId;
  return {
    async get<T>(path: string): Promise<ApiResult<T>> {
      const res = await fetch(new URL(`/api/v1${path}`, baseUrl), {
        headers,
        signal: AbortSignal.timeout(30_000),
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok) return { ok: true, data: body as T };
      const message = (body as ErrorBody | null)?.error?.message ?? `API answered ${res.status}`;
      return { ok: false, status: res.status, message };
    },
  };
}
