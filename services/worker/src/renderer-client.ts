import {
  RENDER_HEADERS,
  renderFailureSchema,
  type RenderFailure,
  type RenderRequest,
} from '@fractafrag/contracts';

export type RenderResult =
  | { ok: true; image: Buffer; renderMs: number; blank: boolean }
  | { ok: false; failure: RenderFailure };

/** Thrown for failures worth retrying: renderer unreachable, overloaded or crashed. */
export class TransientRenderError extends Error {}

export async function requestRender(
  rendererUrl: string,
  request: RenderRequest,
  timeoutMs: number,
  /** Sent as X-Request-ID, so the renderer's log lines name the job they served. */
  requestId?: string,
): Promise<RenderResult> {
  let res: Response;
  try {
    res = await fetch(new URL('/render', rendererUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new TransientRenderError(`renderer unreachable: ${(err as Error).message}`);
  }
  if (res.ok) {
    return {
      ok: true,
      image: Buffer.from(await res.arrayBuffer()),
      renderMs: Number(res.headers.get(RENDER_HEADERS.renderMs) ?? 0),
      blank: res.headers.get(RENDER_HEADERS.blank) === 'true',
    };
  }
  const body: unknown = await res.json().catch(() => null);
  const failure = renderFailureSchema.safeParse(body);
  if (failure.success && (failure.data.outcome === 'compile_error' || failure.data.outcome === 'timeout')) {
    return { ok: false, failure: failure.data };
  }
  throw new TransientRenderError(
    `renderer answered ${res.status}: ${failure.success ? failure.data.message : JSON.stringify(body)}`,
  );
}
