import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRenderer, type RendererProcess } from '../../../tests/support/renderer-process.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

const GRADIENT = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(p / iResolution.xy, 0.5, 1.0); }';
const BLACK = 'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.0, 0.0, 0.0, 1.0); }';
const image = (code: string) => ({ passes: [{ name: 'Image', code }] });

describe('POST /shaders/render (real renderer)', () => {
  let api: ApiHarness;
  let renderer: RendererProcess;

  beforeAll(async () => {
    renderer = await startRenderer();
    api = await startApi({
      rendererUrl: renderer.url,
      rateLimits: {
        read: { limit: 100, windowMs: 60_000 },
        write: { limit: 6, windowMs: 60_000 },
        auth: { limit: 100, windowMs: 60_000 },
        session: { limit: 1000, windowMs: 60_000 },
        publish: { limit: 100, windowMs: 60_000 },
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await renderer?.stop();
  });

  const render = (body: unknown, ip = '10.0.0.1') =>
    fetch(`${api.url}/api/v1/shaders/render`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });

  it('returns a PNG of the requested size with render time, blank flag and mean colour headers', async () => {
    const res = await render({ source: image(GRADIENT), width: 96, height: 54, time: 1 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Number(res.headers.get('x-render-ms'))).toBeGreaterThan(0);
    expect(res.headers.get('x-render-blank')).toBe('false');
    expect(res.headers.get('x-render-avg-color')).toMatch(/^#[0-9a-f]{6}$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(96);
    expect(bytes.readUInt32BE(20)).toBe(54);
  });

  it('flags a flat black frame as blank and can answer WebP', async () => {
    const res = await render({ source: image(BLACK), width: 64, height: 36, format: 'webp' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-render-blank')).toBe('true');
    expect(res.headers.get('x-render-avg-color')).toBe('#000000');
  });

  it('answers 422 compile_error with the pass and the line in the author’s own code', async () => {
    const code = 'void mainImage(out vec4 c, in vec2 p) {\n  vec3 x = 1.0;\n  c = vec4(x, 1.0);\n}';
    const res = await render({ source: image(code), width: 64, height: 36 }, '10.0.0.2');
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { errors: { pass: string; line: number }[] } };
    };
    expect(body.error.code).toBe('compile_error');
    expect(body.error.details.errors[0]).toMatchObject({ pass: 'Image', line: 2 });
  });

  it('refuses sizes over 1280x720 and sources without an Image pass with 422 naming the field', async () => {
    const big = await render({ source: image(GRADIENT), width: 4000 }, '10.0.0.3');
    expect(big.status).toBe(422);
    expect(JSON.stringify(await big.json())).toMatch(/width must be at most 1280/);
    const noImage = await render({ source: { passes: [{ name: 'Buffer A', code: GRADIENT }] } }, '10.0.0.3');
    expect(noImage.status).toBe(422);
    expect(JSON.stringify(await noImage.json())).toMatch(/an Image pass is required/);
  });

  it('counts renders against the write rate limit of each client (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await render({ source: image('x'), width: 16, height: 16 }, '10.0.0.9');
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).not.toContain(429);
    const limited = await render({ source: image('x') }, '10.0.0.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await render({ source: image(BLACK), width: 16, height: 16 }, '10.0.0.10')).status).toBe(200);
  });

  it('answers 503 renderer_unavailable when the renderer cannot be reached', async () => {
    const offline = await startApi({ rendererUrl: 'http://127.0.0.1:9' });
    try {
      const res = await fetch(`${offline.url}/api/v1/shaders/render`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: image(GRADIENT) }),
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('renderer_unavailable');
      expect(body.error.message).toMatch(/Try again/);
    } finally {
      await offline.close();
    }
  });
});
