import {
  imageOnly,
  RENDER_HEADERS,
  renderFailureSchema,
  validateResponseSchema,
  type ShaderSource,
} from '@fractafrag/contracts';
import { createLogger, loadConfig, rendererEnv } from '@fractafrag/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendantsOf, listProcesses, readCommandLine } from '../src/gpu-process-killer.ts';
import { startRenderer, type RunningRenderer } from '../src/server.ts';

const TIMEOUT_MS = 3000;
let renderer: RunningRenderer;

const post = (path: string, body: unknown) =>
  fetch(`${renderer.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const render = (source: ShaderSource, extra: Record<string, unknown> = {}) =>
  post('/render', { source, ...extra });

const RED =
  'void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  fragColor = vec4(1.0, 0.0, 0.0, 1.0);\n}\n';
const GRADIENT =
  'void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  fragColor = vec4(fragCoord / iResolution.xy, 0.0, 1.0);\n}\n';
// About a second of SwiftShader work at 640x360: long enough to hold the only browser busy.
const SLOW =
  'void mainImage(out vec4 c, in vec2 p) {\n  float x = 0.0;\n  for (int i = 0; i < 2500; i++) { x += sin(p.x * 0.01 + float(i) + x); }\n  c = vec4(fract(x), 0.0, 0.0, 1.0);\n}\n';

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const config = loadConfig(rendererEnv, {
    RENDERER_POOL_SIZE: '1',
    RENDERER_QUEUE_MAX: '1',
    RENDER_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  renderer = await startRenderer({ config, logger: createLogger('renderer', 'silent'), port: 0 });
  await waitUntil(async () => (await fetch(`${renderer.url}/ready`)).ok, 20_000);
});

afterAll(async () => {
  await renderer?.close();
});

describe('renderer against real Chromium', () => {
  it('renders a solid red shader as a blank #ff0000 WebP', async () => {
    const res = await render(imageOnly(RED));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get(RENDER_HEADERS.avgColor)).toBe('#ff0000');
    expect(res.headers.get(RENDER_HEADERS.blank)).toBe('true');
    expect(Number(res.headers.get(RENDER_HEADERS.renderMs))).toBeGreaterThan(0);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString()).toBe('WEBP');
  });

  it('renders a gradient as not blank, and as PNG on request', async () => {
    const res = await render(imageOnly(GRADIENT), { format: 'png', width: 320, height: 180 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get(RENDER_HEADERS.blank)).toBe('false');
    expect(res.headers.get(RENDER_HEADERS.avgColor)).toBe('#808000');
  });

  it("answers 422 with the author's line 3 for a compile error, and /validate says the same", async () => {
    const source = imageOnly(
      'void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  vec2 uv = fragCoord / iResolution.xy;\n  fragColor = vec4(uv, notDeclared, 1.0);\n}\n',
      'float helper() {\n  return 1.0;\n}\n',
    );
    const res = await render(source);
    expect(res.status).toBe(422);
    const failure = renderFailureSchema.parse(await res.json());
    expect(failure.outcome).toBe('compile_error');
    expect(failure.errors).toEqual([expect.objectContaining({ pass: 'Image', line: 3 })]);

    const validated = validateResponseSchema.parse(await (await post('/validate', { source })).json());
    expect(validated).toEqual({ ok: false, errors: failure.errors });
    const valid = validateResponseSchema.parse(
      await (await post('/validate', { source: imageOnly(RED) })).json(),
    );
    expect(valid).toEqual({ ok: true, errors: [] });
  });

  it('binds the built-in noise texture to a channel', async () => {
    const source: ShaderSource = {
      common: '',
      passes: [
        {
          name: 'Image',
          code: 'void mainImage(out vec4 c, in vec2 p) {\n  c = texture(iChannel0, p / 256.0);\n}\n',
          channels: [{ kind: 'texture', name: 'rgba-noise-256' }],
        },
      ],
    };
    const res = await render(source);
    expect(res.status).toBe(200);
    expect(res.headers.get(RENDER_HEADERS.blank)).toBe('false');
  });

  it('refuses with 503 and Retry-After when the browser is busy and the queue is full', async () => {
    const running = render(imageOnly(SLOW));
    await waitUntil(() => renderer.pool.busyCount() === 1, 5000);
    const waiting = render(imageOnly(RED));
    await waitUntil(() => renderer.pool.queueDepth() === 1, 5000);

    const refused = await render(imageOnly(GRADIENT));
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string } };
    expect(body.error.code).toBe('queue_full');

    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
  });

  it('relaunches a browser that died and renders again', async () => {
    const children = descendantsOf(process.pid, await listProcesses());
    const commandLines = await Promise.all(
      children.map(async (pid) => ({ pid, cmd: await readCommandLine(pid) })),
    );
    const browsers = commandLines.filter(
      ({ cmd }) => cmd.includes('fractafrag-chromium') && !cmd.includes('--type='),
    );
    expect(browsers).toHaveLength(1);
    process.kill(browsers[0]!.pid, 'SIGKILL');
    await waitUntil(() => renderer.pool.warmCount() === 0, 5000);

    const res = await render(imageOnly(RED));
    expect(res.status).toBe(200);
    expect(res.headers.get(RENDER_HEADERS.avgColor)).toBe('#ff0000');
  });

  it('exposes render outcomes, durations, queue refusals and restarts on /metrics', async () => {
    const text = await (await fetch(`${renderer.url}/metrics`)).text();
    expect(text).toMatch(/renderer_render_outcomes_total\{outcome="compile_error"[^}]*\} 1/);
    expect(text).toContain('renderer_render_duration_seconds_bucket');
    expect(text).toMatch(/renderer_queue_depth\{[^}]*\} 0/);
    expect(text).toMatch(/renderer_queue_rejections_total\{[^}]*\} 1/);
    expect(text).toMatch(/renderer_gpu_process_kills_total\{[^}]*\} 0/);
    expect(text).toMatch(/renderer_browser_restarts_total\{[^}]*\} 1/);
  });
});
