import {
  RENDER_PREVIEW_HEADERS,
  renderFailureSchema,
  type RenderFailure,
  type renderPreviewBodySchema,
} from '@fractafrag/contracts';
import { AppError } from '@fractafrag/core';
import type { z } from 'zod';

/** A still takes well under a second on a warm page; a busy renderer queues it a little. */
const PREVIEW_TIMEOUT_MS = 30_000;

export interface RenderedPreview {
  image: Buffer;
  contentType: string;
  renderMs: string;
  blank: string;
  avgColor: string;
}

const rendererUnavailable = (why: string, retryAfter?: string | null) =>
  new AppError(
    503,
    'renderer_unavailable',
    `The renderer is unavailable: ${why}. Try again in a moment.`,
    retryAfter ? { retryAfterSeconds: Number(retryAfter) } : undefined,
  );

// The renderer's failures are the shader's fault (it does not compile, or is too slow, or kills
// the GPU process), so each is a 422 whose message says what to change.
function shaderFailure(failure: RenderFailure): AppError {
  switch (failure.outcome) {
    case 'compile_error':
      return new AppError(
        422,
        'compile_error',
        'The shader does not compile: see details.errors (pass, line in your code, message).',
        { errors: failure.errors },
      );
    case 'timeout':
      return new AppError(
        422,
        'render_timeout',
        `The frame took too long to render (${failure.message}): reduce loop counts or ray-march steps.`,
      );
    case 'crashed':
      return new AppError(
        422,
        'render_crashed',
        `The GPU process failed while drawing this shader (${failure.message}): look for unbounded loops or huge arrays.`,
      );
  }
}

/** POST {rendererUrl}/render for one still of an unsaved source. */
export async function renderPreview(
  rendererUrl: string,
  body: z.output<typeof renderPreviewBodySchema>,
): Promise<RenderedPreview> {
  let res: Response;
  try {
    res = await fetch(new URL('/render', rendererUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, kind: 'thumbnail' }),
      signal: AbortSignal.timeout(PREVIEW_TIMEOUT_MS),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw rendererUnavailable(
      timedOut ? `no answer within ${PREVIEW_TIMEOUT_MS / 1000} s` : 'it is unreachable',
    );
  }
  if (res.ok) {
    return {
      image: Buffer.from(await res.arrayBuffer()),
      contentType: res.headers.get('content-type') ?? `image/${body.format}`,
      renderMs: res.headers.get(RENDER_PREVIEW_HEADERS.renderMs) ?? '0',
      blank: res.headers.get(RENDER_PREVIEW_HEADERS.blank) ?? 'false',
      avgColor: res.headers.get(RENDER_PREVIEW_HEADERS.avgColor) ?? '#000000',
    };
  }
  const failure = renderFailureSchema.safeParse(await res.json().catch(() => null));
  if (failure.success) throw shaderFailure(failure.data);
  throw rendererUnavailable(`it answered ${res.status}`, res.headers.get('retry-after'));
}
