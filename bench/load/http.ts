import type { LoadRecorder } from './recorder.ts';

/** A request that has not answered after this long counts as an error ('timeout'). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface TimedRequest {
  route: string;
  method: string;
  path: string;
  dueAt: number;
  token?: string;
  body?: unknown;
}

export interface TimedReply {
  status: number;
  /** The parsed JSON body of a 2xx answer. */
  body: unknown;
  headers: Headers;
}

/**
 * Sends one request, reads the whole body and records latency from the request's due time.
 * Returns undefined when no answer came (network error, timeout). Never rejects.
 */
export async function timedRequest(
  base: string,
  recorder: LoadRecorder,
  request: TimedRequest,
): Promise<TimedReply | undefined> {
  const { route, method, path, dueAt, token, body } = request;
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const latency = performance.now() - dueAt;
    if (res.ok) {
      recorder.record(route, latency, { status: res.status });
      return { status: res.status, body: parseJson(text), headers: res.headers };
    }
    recorder.record(route, latency, { status: res.status, code: errorCode(text) });
    return { status: res.status, body: undefined, headers: res.headers };
  } catch (err) {
    recorder.record(route, performance.now() - dueAt, { failure: failureName(err) });
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** The `error.code` of our one error shape, when the body has it. */
function errorCode(text: string): string | undefined {
  const code = (parseJson(text) as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function failureName(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'client timeout';
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : String(err));
}
