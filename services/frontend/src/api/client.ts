/** A failed API call, carrying the API's own `error.code` and `error.message` when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Anything with zod's `parse`: the contracts schemas, without the frontend importing zod itself. */
export interface Parser<T> {
  parse(data: unknown): T;
}

function errorFromBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const { error } = body;
  if (typeof error !== 'object' || error === null) return null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : 'error';
  const message = 'message' in error && typeof error.message === 'string' ? error.message : null;
  return message ? { code, message } : null;
}

async function readJson(response: Response): Promise<unknown> {
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** GET a same-origin API path and parse the reply with a contracts schema. */
export async function getJson<T>(path: string, schema: Parser<T>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network', 'Could not reach Fractafrag. Check your connection and try again.');
  }
  const body = await readJson(response);
  if (!response.ok) {
    const apiError = errorFromBody(body);
    throw new ApiError(
      response.status,
      apiError?.code ?? 'http_error',
      apiError?.message ??
        `The server answered ${[response.status, response.statusText].filter(Boolean).join(' ')}.`,
    );
  }
  try {
    return schema.parse(body);
  } catch (err) {
    // The page and the API disagree on the contract: say so plainly, keep the details for developers.
    console.error(`Unexpected response from ${path}`, err);
    throw new ApiError(
      response.status,
      'unexpected_response',
      'The server sent data this page does not understand.',
    );
  }
}
