import type { ErrorBody } from '@fractafrag/core';
import { requestContext } from './request-context.ts';

/**
 * MCP tools act through the REST API, as the caller: its credentials are passed on unchanged, so
 * the API applies that user's scopes, visibility and rate limits. No tool touches the database.
 */
export interface Credentials {
  /** `Authorization: Bearer ff_…` (an API key) as the MCP client sent it. */
  authorization?: string;
  /** `X-API-Key: ff_…`, the alternative header. */
  apiKey?: string;
}

export type ApiFailure = {
  ok: false;
  status: number;
  code: string;
  message: string;
  details?: unknown;
  retryAfterSeconds?: number;
};
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export interface ApiImage {
  bytes: Buffer;
  contentType: string;
  headers: Headers;
}

type Query = Record<string, string | number | boolean | undefined>;
type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  /** Whether the MCP client sent credentials at all (write tools need them). */
  readonly hasCredentials: boolean;
  get<T>(path: string, query?: Query): Promise<ApiResult<T>>;
  send<T>(method: WriteMethod, path: string, body?: unknown): Promise<ApiResult<T>>;
  /** A POST whose successful reply is an image (POST /shaders/render). */
  postForImage(path: string, body: unknown): Promise<ApiResult<ApiImage>>;
}

const TIMEOUT_MS = 30_000;
const RENDER_TIMEOUT_MS = 45_000;

export function createApiClient(baseUrl: string, credentials: Credentials = {}): ApiClient {
  const hasCredentials = Boolean(credentials.authorization || credentials.apiKey);

  function headers(withBody: boolean): Record<string, string> {
    const out: Record<string, string> = { accept: 'application/json' };
    if (withBody) out['content-type'] = 'application/json';
    if (credentials.authorization) out.authorization = credentials.authorization;
    if (credentials.apiKey) out['x-api-key'] = credentials.apiKey;
    const context = requestContext.getStore();
    if (context?.requestId) out['x-request-id'] = context.requestId;
    // Anonymous rate limits are per client: the API trusts this header from the private network.
    if (context?.clientIp) out['x-forwarded-for'] = context.clientIp;
    return out;
  }

  async function call(
    method: string,
    path: string,
    body: unknown,
    timeoutMs = TIMEOUT_MS,
  ): Promise<Response | ApiFailure> {
    try {
      return await fetch(new URL(`/api/v1${path}`, baseUrl), {
        method,
        headers: headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return {
        ok: false,
        status: 503,
        code: 'api_unreachable',
        message: 'The Fractafrag API did not answer; try again in a moment.',
      };
    }
  }

  async function json<T>(res: Response | ApiFailure): Promise<ApiResult<T>> {
    if (!(res instanceof Response)) return res;
    const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.ok) return { ok: true, status: res.status, data: body as T };
    return failure(res, body);
  }

  return {
    hasCredentials,
    async get<T>(path: string, query: Query = {}) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== '') params.set(name, String(value));
      }
      const search = params.size ? `?${params.toString()}` : '';
      return json<T>(await call('GET', `${path}${search}`, undefined));
    },
    async send<T>(method: WriteMethod, path: string, body?: unknown) {
      return json<T>(await call(method, path, body ?? (method === 'DELETE' ? undefined : {})));
    },
    async postForImage(path: string, body: unknown) {
      const res = await call('POST', path, body, RENDER_TIMEOUT_MS);
      if (!(res instanceof Response)) return res;
      if (!res.ok) return failure(res, await res.json().catch(() => null));
      return {
        ok: true,
        status: res.status,
        data: {
          bytes: Buffer.from(await res.arrayBuffer()),
          contentType: res.headers.get('content-type') ?? 'application/octet-stream',
          headers: res.headers,
        },
      };
    },
  };
}

function failure(res: Response, body: unknown): ApiFailure {
  const error = (body as ErrorBody | null)?.error;
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? 'http_error',
    message: error?.message ?? `The API answered ${res.status}.`,
    details: error?.details,
    ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}
