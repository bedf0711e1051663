import { imageOnly, RENDER_HEADERS, renderFailureSchema } from '@fractafrag/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOO_COMPLEX } from '../src/glslang-precheck.ts';
import type { RunningRenderer } from '../src/server.ts';
import { poster, startTestRenderer } from './support/renderer-harness.ts';

/** Pool of one: while its only browser hangs, nothing else can be served. */
const DEADLINE_MS = 2000;
const RECOVERY_ALLOWANCE_MS = 3000;
let renderer: RunningRenderer;
let post: ReturnType<typeof poster>;

beforeAll(async () => {
  renderer = await startTestRenderer({
    RENDERER_POOL_SIZE: '1',
    RENDER_TIMEOUT_MS: String(DEADLINE_MS),
  });
  post = poster(renderer);
});

afterAll(async () => {
  await renderer?.close();
});

const RED = 'void mainImage(out vec4 c, in vec2 p) {\n  c = vec4(1.0, 0.0, 0.0, 1.0);\n}\n';
// Loops on a uniform the compiler cannot know (iMouse.z is -0 here), so nothing can optimise it away.
const LOOP = 'for (float i = 0.0; i < 1.0; i += iMouse.z) { x += sin(i + x); }';
const ENDLESS = `void mainImage(out vec4 c, in vec2 p) {\n  float x = 0.0;\n  ${LOOP}\n  c = vec4(x);\n}\n`;
// Draws fine for the first second of an animation, then hangs.
const HANGS_AFTER_ONE_SECOND = `void mainImage(out vec4 c, in vec2 p) {\n  float x = 0.0;\n  if (iTime > 1.0) { ${LOOP} }\n  c = vec4(x, 0.0, 0.0, 1.0);\n}\n`;

/** Sum of a metric over all its label sets. */
const sumOf = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );

async function timed(body: Record<string, unknown>): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await post('/render', body);
  await res.clone().arrayBuffer();
  return { res, ms: performance.now() - started };
}

async function expectTimeout(body: Record<string, unknown>): Promise<number> {
  const { res, ms } = await timed(body);
  expect(res.status).toBe(504);
  expect(renderFailureSchema.parse(await res.json()).outcome).toBe('timeout');
  expect(ms).toBeLessThan(DEADLINE_MS + RECOVERY_ALLOWANCE_MS);
  return ms;
}

async function expectGoodRender(): Promise<number> {
  const { res, ms } = await timed({ source: imageOnly(RED) });
  expect(res.status).toBe(200);
  expect(res.headers.get(RENDER_HEADERS.avgColor)).toBe('#ff0000');
  expect(ms).toBeLessThan(DEADLINE_MS + RECOVERY_ALLOWANCE_MS);
  return ms;
}

describe('hostile shaders against a pool of one browser', () => {
  it('answers an endless loop with timeout at the deadline, and the next render succeeds', async () => {
    const hung = await expectTimeout({ source: imageOnly(ENDLESS) });
    expect(hung).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    const next = await expectGoodRender();
    console.info(`endless loop: timeout after ${Math.round(hung)} ms; next render ${Math.round(next)} ms`);
  });

  it('survives three hung shaders in a row (thumbnail, preview, poster), then renders', async () => {
    const times = [
      await expectTimeout({ source: imageOnly(ENDLESS) }),
      await expectTimeout({ source: imageOnly(HANGS_AFTER_ONE_SECOND), kind: 'preview' }),
      await expectTimeout({ source: imageOnly(ENDLESS), kind: 'poster' }),
    ];
    const next = await expectGoodRender();
    console.info(
      `three hung shaders: ${times.map(Math.round).join(', ')} ms; next render ${Math.round(next)} ms`,
    );
  });

  it('rejects a macro bomb before it reaches the browser', async () => {
    let browserJobs = 0;
    const run = renderer.pool.run.bind(renderer.pool);
    renderer.pool.run = (task, deadlineMs) => {
      browserJobs++;
      return run(task, deadlineMs);
    };
    try {
      const bomb = [
        '#define A(x) x+x+x+x+x+x+x+x+x+x',
        '#define B(x) A(A(A(A(A(A(A(A(A(x)))))))))',
        'void mainImage(out vec4 c, in vec2 p) { c = vec4(B(1.0)); }',
      ].join('\n');
      const { res, ms } = await timed({ source: imageOnly(bomb) });
      expect(res.status).toBe(422);
      expect(renderFailureSchema.parse(await res.json()).errors).toEqual([
        { pass: 'Image', line: null, message: TOO_COMPLEX },
      ]);
      expect(ms).toBeLessThan(3000);
      expect(browserJobs).toBe(0);
    } finally {
      renderer.pool.run = run;
    }
  });

  it('exposes timeouts, GPU-process kills, recoveries and the pool on /metrics', async () => {
    const text = await (await fetch(`${renderer.url}/metrics`)).text();
    expect(text).toMatch(/renderer_render_outcomes_total\{[^}]*outcome="timeout"[^}]*\} 4/);
    expect(text).toMatch(
      /renderer_render_duration_seconds_count\{[^}]*outcome="timeout",kind="preview"[^}]*\} 1/,
    );
    expect(text).toMatch(
      /renderer_render_duration_seconds_count\{[^}]*outcome="ok",kind="thumbnail"[^}]*\} 2/,
    );
    expect(sumOf(text, 'renderer_gpu_process_kills_total')).toBeGreaterThanOrEqual(4);
    // Each hang was recovered from, by a page reset or (rarely) a browser relaunch.
    expect(sumOf(text, 'renderer_recovery_seconds_count')).toBe(4);
    expect(text).toMatch(/renderer_page_phase_seconds_count\{[^}]*phase="draw"[^}]*\} 2/);
    expect(text).toMatch(/renderer_browsers_busy\{[^}]*\} 0/);
    expect(text).toMatch(/renderer_queue_depth\{[^}]*\} 0/);
    expect(text).toMatch(/renderer_pool_size\{[^}]*\} 1/);
    expect(text).toMatch(/renderer_browser_restarts_total\{[^}]*\} \d+/);
  });
});
