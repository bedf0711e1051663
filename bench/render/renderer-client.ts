import { imageOnly, RENDER_HEADERS } from '@fractafrag/contracts';

export interface RendererThumbnail {
  totalMs: number;
  compileMs: number;
  drawMs: number;
  bytes: number;
  status: number;
}

/** One POST /render, timed from the client, with the page's own compile and draw split. */
export async function renderThroughService(
  url: string,
  code: string,
  options: { width: number; height: number; time: number; format?: 'webp' | 'png'; common?: string },
): Promise<RendererThumbnail & { image: Buffer }> {
  const { common = '', ...rest } = options;
  const started = performance.now();
  const res = await fetch(`${url}/render`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: imageOnly(code, common), ...rest }),
  });
  const image = Buffer.from(await res.arrayBuffer());
  const totalMs = performance.now() - started;
  const header = (name: string) => Number(res.headers.get(name) ?? Number.NaN);
  return {
    totalMs,
    compileMs: header(RENDER_HEADERS.compileMs),
    drawMs: header(RENDER_HEADERS.drawMs),
    bytes: image.length,
    status: res.status,
    image,
  };
}

/** Runs `jobs` with at most `concurrency` at a time; returns results in job order and the wall time. */
export async function runConcurrently<T>(
  jobs: (() => Promise<T>)[],
  concurrency: number,
): Promise<{ results: T[]; wallMs: number }> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return { results, wallMs: performance.now() - started };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * A distinct program per request, so every render compiles afresh: not just a comment (compilers
 * drop those, and Mesa's shader cache would then hit) but a constant in the output, far too small
 * to change a pixel.
 */
export const uniqueCode = (code: string, n: number) =>
  `${code.replace(/\bmainImage\b/, 'benchMainImage')}
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  benchMainImage(fragColor, fragCoord);
  fragColor.rgb += vec3(${Math.abs(n)}.0 * 1e-8);
}
`;
