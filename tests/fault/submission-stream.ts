/**
 * A steady stream of shader submissions through nginx, one at a time with a short pause between
 * them, every few of them deliberately broken. Each reply is classified: 201 is accepted (its id
 * is kept); a 503 `unavailable` in the API's error shape (from the API, or from nginx while the API
 * is down) or a refused connection is a clean refusal during an outage; anything else (a 500, an
 * HTML error page) is a contract violation the test reports.
 */
export interface Submission {
  index: number;
  broken: boolean;
  /** When the reply (or the connection error) arrived. */
  at: number;
  outcome: 'accepted' | 'refused' | 'connection error' | 'no reply' | 'violation';
  id?: string;
  status?: number;
  detail?: string;
}

export const BROKEN_EVERY = 7;
/** The undeclared identifier in every broken shader: the compiler's message names it. */
export const BROKEN_IDENTIFIER = 'undeclaredFaultColor';

export function shaderCode(index: number, broken: boolean): string {
  // A distinct constant per submission: distinct code hashes, so no job collapses into another.
  const shade = ((index * 37) % 1000) / 1000;
  return [
    'void mainImage(out vec4 fragColor, in vec2 fragCoord) {',
    '  vec2 uv = fragCoord / iResolution.xy;',
    broken
      ? `  vec3 col = ${BROKEN_IDENTIFIER} * ${shade.toFixed(3)};`
      : `  vec3 col = vec3(uv, ${shade.toFixed(3)}) * (0.6 + 0.4 * sin(iTime));`,
    '  fragColor = vec4(col, 1.0);',
    '}',
  ].join('\n');
}

function isErrorShape(body: unknown): body is { error: { code: string; message: string } } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' && error.message !== '';
}

async function submit(baseUrl: string, token: string, index: number): Promise<Submission> {
  const broken = index % BROKEN_EVERY === BROKEN_EVERY - 1;
  const base = { index, broken };
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/v1/shaders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Fault stream ${index}`,
        status: 'published',
        tags: ['fault'],
        source: { passes: [{ name: 'Image', code: shaderCode(index, broken) }] },
      }),
      // Longer than any outage the test causes; a request that still hangs may or may not have
      // been stored, which the final listing of the user's shaders settles.
      signal: AbortSignal.timeout(60_000),
    });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    const cause = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    return { ...base, at: Date.now(), outcome: timedOut ? 'no reply' : 'connection error', detail: cause };
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const at = Date.now();
  if (res.status === 201)
    return { ...base, at, outcome: 'accepted', status: 201, id: (body as { id: string }).id };
  if (res.status === 503 && isErrorShape(body) && body.error.code === 'unavailable')
    return { ...base, at, outcome: 'refused', status: res.status, detail: body.error.code };
  return { ...base, at, outcome: 'violation', status: res.status, detail: text.slice(0, 300) };
}

export interface SubmissionStream {
  readonly submissions: readonly Submission[];
  accepted(): Submission[];
  /** The first accepted submission whose reply came after `since` (and that is broken or not). */
  acceptedAfter(since: number, broken: boolean): Submission | undefined;
  stop(): Promise<void>;
}

export function startSubmissionStream(baseUrl: string, token: string, pauseMs: number): SubmissionStream {
  const submissions: Submission[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let index = 0; !stopped; index++) {
      submissions.push(await submit(baseUrl, token, index));
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    submissions,
    accepted: () => submissions.filter((s) => s.outcome === 'accepted'),
    acceptedAfter: (since, broken) =>
      submissions.find((s) => s.outcome === 'accepted' && s.at > since && s.broken === broken),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
