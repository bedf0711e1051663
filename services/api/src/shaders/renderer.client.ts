import { validateResponseSchema, type ShaderSource, type ValidateResponse } from '@fractafrag/contracts';
import { AppError } from '@fractafrag/core';

/** Compiling five passes in a warm page takes well under a second; a queue of them a little more. */
const VALIDATE_TIMEOUT_MS = 30_000;

const rendererUnavailable = (why: string, retryAfter?: string) =>
  new AppError(
    503,
    'renderer_unavailable',
    `The shader compiler (renderer service) is unavailable: ${why}. Try again in a moment.`,
    retryAfter ? { retryAfterSeconds: Number(retryAfter) } : undefined,
  );

/** POST {rendererUrl}/validate: compile only, errors in the author's own line numbers. */
export async function validateWithRenderer(
  rendererUrl: string,
  source: ShaderSource,
): Promise<ValidateResponse> {
  let res: Response;
  try {
    res = await fetch(new URL('/validate', rendererUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source }),
      signal: AbortSignal.timeout(VALIDATE_TIMEOUT_MS),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw rendererUnavailable(
      timedOut ? `no answer within ${VALIDATE_TIMEOUT_MS / 1000} s` : 'it is unreachable',
    );
  }
  if (!res.ok) {
    throw rendererUnavailable(`it answered ${res.status}`, res.headers.get('retry-after') ?? undefined);
  }
  const parsed = validateResponseSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw rendererUnavailable('it sent an unexpected reply');
  return parsed.data;
}
