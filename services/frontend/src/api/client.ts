import { getSession, refreshSession } from '../auth/session-store.ts';

/** A failed API call, carrying the API's own `error.code` and `error.message` when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The API's `error.details` (e.g. the fields a 422 rejected), when it sent any. */
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Anything with zod's `parse`: the contracts schemas, without the frontend importing zod itself. */
export interface Parser<T> {
  parse(data: unknown): T;
}

function errorFromBody(body: unknown): { code: string; message: string; details: unknown } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const { error } = body;
  if (typeof error !== 'object' || error === null) return null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : 'error';
  const message = 'message' in error && typeof error.message === 'string' ? error.message : null;
  const details = 'details' in error ? error.details : undefined;
  return message ? { code, message, details } : null;
}

/** The ApiError for a non-2xx reply, with the API's own code and message when it sent them. */
export function errorFromResponse(response: Response, body: unknown): ApiError {
  const apiError = errorFromBody(body);
  return new ApiError(
    response.status,
    apiError?.code ?? 'http_error',
    apiError?.message ??
      `The server answered ${[response.status, response.statusText].filter(Boolean).join(' ')}.`,
    apiError?.details,
  );
}

async function readJson(response: Response): Promise<unknown> {
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/* ---------- authenticated calls ---------- */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiFetchOptions<T> {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Parses the reply; omit it for replies without a body (204) or that the caller ignores. */
  schema?: Parser<T>;
  signal?: AbortSignal;
  /** Extra headers, e.g. `X-Request-ID`. */
  headers?: Record<string, string>;
  /** Let the request outlive the page (telemetry sent while the tab closes). */
  keepalive?: boolean;
}

/** `/shaders/1` → `/api/v1/shaders/1`; a path that already starts with `/api/` is kept as it is. */
export function apiUrl(path: string): string {
  return path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
}

async function send(
  path: string,
  options: ApiFetchOptions<unknown>,
  token: string | null,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(apiUrl(path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
      keepalive: options.keepalive ?? false,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'network', 'Could not reach Fractafrag. Check your connection and try again.');
  }
}

/**
 * Calls the API as the signed-in user (or anonymously when nobody is) and parses the reply with a
 * contracts schema. An expired access token is refreshed once, through the tab's serialised
 * refresh, and the call is retried with the new one; a second 401 is thrown as an ApiError.
 * `path` is relative to `/api/v1` (`/shaders/123`) or a full `/api/...` path.
 */
export async function apiFetch<T = undefined>(path: string, options: ApiFetchOptions<T> = {}): Promise<T> {
  const sentToken = getSession()?.accessToken ?? null;
  let response = await send(path, options, sentToken);
  if (response.status === 401 && sentToken) {
    // Another call may already have refreshed while this one was in flight: reuse its token.
    const latest = getSession()?.accessToken ?? null;
    const token =
      latest && latest !== sentToken
        ? latest
        : ((await refreshSession().catch(() => null))?.accessToken ?? null);
    if (token) response = await send(path, options, token);
  }
  const body = await readJson(response);
  if (!response.ok) throw errorFromResponse(response, body);
  if (!options.schema) return undefined as T;
  try {
    return options.schema.parse(body);
  } catch (err) {
    console.error(`Unexpected response from ${path}`, err);
    throw new ApiError(
      response.status,
      'unexpected_response',
      'The server sent data this page does not understand.',
    );
  }
}

/** GET an API path (as the signed-in user, if any) and parse the reply with a contracts schema. */
export function getJson<T>(path: string, schema: Parser<T>, signal?: AbortSignal): Promise<T> {
  return apiFetch(path, { schema, ...(signal ? { signal } : {}) });
}
