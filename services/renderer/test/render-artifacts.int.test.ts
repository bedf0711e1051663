import {
  imageOnly,
  PREVIEW_MAX_BYTES,
  RENDER_HEADERS,
  renderFailureSchema,
  validateResponseSchema,
  type ShaderSource,
} from '@fractafrag/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, pixelAt } from '../../../tests/support/png.ts';
import { launchChromium } from '../src/chromium.ts';
import type { RunningRenderer } from '../src/server.ts';
import { bytesOf, poster, startTestRenderer, waitUntil, webpInfo } from './support/renderer-harness.ts';

const POOL_SIZE = 2;
let renderer: RunningRenderer;
let post: ReturnType<typeof poster>;

beforeAll(async () => {
  renderer = await startTestRenderer({
    RENDERER_POOL_SIZE: String(POOL_SIZE),
    // Generous: other test files may be loading the machine's two cores at the same time.
    RENDER_TIMEOUT_MS: '10000',
  });
  post = poster(renderer);
});

afterAll(async () => {
  await renderer?.close();
});

const shader = (body: string) => `void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  ${body}\n}\n`;

/** Renders a small PNG and returns the pixel at (x, y), y from the bottom like fragCoord. */
async function pixel(source: ShaderSource, at: [number, number], extra: Record<string, unknown> = {}) {
  const res = await post('/render', { source, format: 'png', width: 64, height: 36, ...extra });
  expect(res.status).toBe(200);
  return pixelAt(decodePng(await bytesOf(res)), ...at);
}

const near = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) =>
    expect(Math.abs(v - expected[i]!), `channel ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(1),
  );
};

describe('every Shadertoy uniform, proven by pixels', () => {
  it('iResolution is the requested size', async () => {
    const source = imageOnly(
      shader('fragColor = vec4(iResolution.x / 1000.0, iResolution.y / 1000.0, iResolution.z, 1.0);'),
    );
    const res = await post('/render', { source, format: 'png', width: 200, height: 100 });
    const png = decodePng(await bytesOf(res));
    expect([png.width, png.height]).toEqual([200, 100]);
    near(pixelAt(png, 10, 10).slice(0, 3), [51, 26, 255]);
  });

  it('iTime is the requested time', async () => {
    const source = imageOnly(shader('fragColor = vec4(fract(iTime), floor(iTime) / 10.0, 0.0, 1.0);'));
    near((await pixel(source, [5, 5], { time: 2.5 })).slice(0, 2), [128, 51]);
    near((await pixel(source, [5, 5], { time: 7.25 })).slice(0, 2), [64, 179]);
  });

  it('iFrame counts 30 steps a second, or is the requested frame', async () => {
    const source = imageOnly(
      shader('fragColor = vec4(float(iFrame) / 255.0, iTime * 10.0 / 255.0, 0.0, 1.0);'),
    );
    near((await pixel(source, [5, 5], { time: 2 })).slice(0, 2), [60, 20]);
    // frame 9 is time 9 / 30 = 0.3 s
    near((await pixel(source, [5, 5], { frame: 9 })).slice(0, 2), [9, 3]);
  });

  it("iMouse follows Shadertoy's sign conventions", async () => {
    const source = imageOnly(
      shader(
        'fragColor = vec4(length(fragCoord - iMouse.xy) < 3.0 ? 1.0 : 0.0, iMouse.z > 0.0 ? 1.0 : 0.0, iMouse.w > 0.0 ? 1.0 : 0.0, 1.0);',
      ),
    );
    const pressed = { mouse: { x: 40, y: 20 } };
    near((await pixel(source, [40, 20], pressed)).slice(0, 3), [255, 255, 0]);
    near((await pixel(source, [5, 30], pressed)).slice(0, 3), [0, 255, 0]);
    // The frame of the click: w positive too. Released: z negative, xy kept.
    near(
      (await pixel(source, [40, 20], { mouse: { x: 40, y: 20, clicked: true } })).slice(0, 3),
      [255, 255, 255],
    );
    near((await pixel(source, [40, 20], { mouse: { x: 40, y: 20, down: false } })).slice(0, 3), [255, 0, 0]);
    // No pointer at all: iMouse is zero.
    near((await pixel(source, [40, 20])).slice(0, 3), [0, 0, 0]);
  });

  it('iDate is a pinned day whose clock runs with shader time', async () => {
    const source = imageOnly(
      shader(
        'bool day = iDate.x == 2025.0 && iDate.y == 0.0 && iDate.z == 1.0;\n' +
          '  fragColor = vec4(day ? 1.0 : 0.0, mod(iDate.w, 60.0) / 60.0, floor(iDate.w / 3600.0) / 24.0, 1.0);',
      ),
    );
    // 12:00:02.5 → 2.5 s into the minute, hour 12 of 24.
    near((await pixel(source, [5, 5], { time: 2.5 })).slice(0, 3), [255, 11, 128]);
  });

  it('iTimeDelta and iFrameRate are the 30 fps step', async () => {
    const source = imageOnly(shader('fragColor = vec4(iTimeDelta * 30.0, iFrameRate / 60.0, 0.0, 1.0);'));
    near((await pixel(source, [5, 5], { time: 1 })).slice(0, 2), [255, 128]);
  });
});

describe('multipass', () => {
  const accumulate: ShaderSource = {
    common: '',
    passes: [
      {
        name: 'Buffer A',
        code: 'void mainImage(out vec4 c, in vec2 p) {\n  c = texture(iChannel0, p / iResolution.xy) + vec4(0.01, 0.0, 0.0, 0.0);\n}\n',
        channels: [{ kind: 'buffer', pass: 'Buffer A' }],
      },
      {
        name: 'Image',
        code: 'void mainImage(out vec4 c, in vec2 p) {\n  c = texture(iChannel0, p / iResolution.xy);\n}\n',
        channels: [{ kind: 'buffer', pass: 'Buffer A' }],
      },
    ],
  };

  it('a buffer reading its own previous frame accumulates once per frame', async () => {
    // Frames 0..n each add 0.01: frame 10 → 0.11, 1 s (frame 30) → 0.31, 2 s (frame 60) → 0.61.
    near([(await pixel(accumulate, [5, 5], { frame: 10 }))[0]], [28]);
    near([(await pixel(accumulate, [5, 5], { time: 1 }))[0]], [79]);
    near([(await pixel(accumulate, [5, 5], { time: 2 }))[0]], [156]);
  });
});

describe('compile errors in the author’s own lines', () => {
  const COMMON = 'float helper() {\n  return 1.0;\n}\n';
  const errorsOf = async (source: ShaderSource) => {
    const res = await post('/render', { source });
    expect(res.status).toBe(422);
    const failure = renderFailureSchema.parse(await res.json());
    expect(failure.outcome).toBe('compile_error');
    const validated = validateResponseSchema.parse(await (await post('/validate', { source })).json());
    expect(validated).toEqual({ ok: false, errors: failure.errors });
    return failure.errors.map(({ pass, line }) => ({ pass, line }));
  };
  const broken = shader('vec2 uv = fragCoord;\n  fragColor = vec4(uv, notDeclared, 1.0);');

  it('without Common', async () => {
    expect(await errorsOf(imageOnly(broken))).toEqual([{ pass: 'Image', line: 3 }]);
  });

  it('with Common, in the pass and in Common', async () => {
    expect(await errorsOf(imageOnly(broken, COMMON))).toEqual([{ pass: 'Image', line: 3 }]);
    expect(
      await errorsOf(
        imageOnly(shader('fragColor = vec4(helper());'), 'float helper() {\n  return nope;\n}\n'),
      ),
    ).toEqual([{ pass: 'Common', line: 2 }]);
  });

  it("from the browser's own compiler, which the pre-check lets through", async () => {
    // glslangValidator accepts webgl_ names; WebGL reserves them.
    const source = imageOnly(shader('float webgl_x = 1.0;\n  fragColor = vec4(webgl_x);'), COMMON);
    expect((await errorsOf(source))[0]).toEqual({ pass: 'Image', line: 2 });
  });
});

describe('artifacts', () => {
  const NOISY = imageOnly(
    shader(
      'vec2 uv = fragCoord / iResolution.y;\n  float n = fract(sin(dot(floor(uv * 24.0), vec2(12.9898, 78.233)) + iTime) * 43758.5453);\n  fragColor = vec4(uv, n, 1.0);',
    ),
  );

  it('renders a 640x360 WebP thumbnail by default and reports its phases', async () => {
    const res = await post('/render', { source: NOISY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(webpInfo(await bytesOf(res))).toMatchObject({ width: 640, height: 360, animated: false });
    expect(res.headers.get(RENDER_HEADERS.frames)).toBe('1');
    for (const phase of [RENDER_HEADERS.compileMs, RENDER_HEADERS.drawMs, RENDER_HEADERS.encodeMs])
      expect(Number(res.headers.get(phase))).toBeGreaterThanOrEqual(0);
  });

  it('renders a 1280x720 poster', async () => {
    const res = await post('/render', { source: NOISY, kind: 'poster' });
    expect(res.status).toBe(200);
    expect(webpInfo(await bytesOf(res))).toMatchObject({ width: 1280, height: 720, animated: false });
  });

  it('gives the same bytes for the same code and time, on either browser, after other work', async () => {
    const request = { source: NOISY, time: 1.5 };
    const [a, b] = await Promise.all([post('/render', request), post('/render', request)]);
    await post('/render', { source: imageOnly(shader('fragColor = vec4(1.0);')) });
    const c = await post('/render', request);
    const [bytesA, bytesB, bytesC] = [await bytesOf(a), await bytesOf(b), await bytesOf(c)];
    expect(bytesA.equals(bytesB)).toBe(true);
    expect(bytesA.equals(bytesC)).toBe(true);
    const other = await bytesOf(await post('/render', { ...request, time: 2.5 }));
    expect(other.equals(bytesA)).toBe(false);
    const png = { ...request, format: 'png' };
    const [p1, p2] = await Promise.all([post('/render', png), post('/render', png)]);
    expect(decodePng(await bytesOf(p1)).rgba).toEqual(decodePng(await bytesOf(p2)).rgba);
  });

  it('renders a 3 s animated WebP preview at 15 fps, under 1 MiB, that Chromium decodes', async () => {
    const request = { source: NOISY, kind: 'preview' };
    const res = await post('/render', request);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const bytes = await bytesOf(res);
    expect(bytes.length).toBeLessThanOrEqual(PREVIEW_MAX_BYTES);
    const info = webpInfo(bytes);
    expect(info).toMatchObject({ width: 480, height: 270, animated: true });
    expect(info.durationsMs.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(Number(res.headers.get(RENDER_HEADERS.frames))).toBe(info.durationsMs.length);
    // A cheap shader gets every frame; the same request gives the same bytes.
    expect(info.durationsMs).toHaveLength(45);
    expect((await bytesOf(await post('/render', request))).equals(bytes)).toBe(true);

    const launched = await launchChromium({ executablePath: '/usr/bin/chromium', backend: 'swiftshader' });
    try {
      const [page] = await launched.browser.pages();
      // WebCodecs needs a secure context; loopback HTTP is one.
      await page!.goto(`${renderer.url}/health`);
      const decoded = await page!.evaluate(async (base64: string) => {
        // WebCodecs' ImageDecoder (this file is typed without the DOM library).
        interface Decoder {
          tracks: { ready: Promise<void>; selectedTrack: { frameCount: number } | null };
          decode(options: { frameIndex: number }): Promise<{ image: { displayWidth: number } }>;
        }
        const ImageDecoder = (globalThis as unknown as Record<string, new (init: object) => Decoder>)
          .ImageDecoder!;
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const decoder = new ImageDecoder({ data, type: 'image/webp' });
        await decoder.tracks.ready;
        const { image } = await decoder.decode({ frameIndex: 44 });
        return { frames: decoder.tracks.selectedTrack?.frameCount, width: image.displayWidth };
      }, bytes.toString('base64'));
      expect(decoded).toEqual({ frames: 45, width: 480 });
    } finally {
      await launched.close();
    }
  });

  it('refuses a PNG preview, and time together with frame', async () => {
    expect((await post('/render', { source: NOISY, kind: 'preview', format: 'png' })).status).toBe(422);
    expect((await post('/render', { source: NOISY, time: 1, frame: 3 })).status).toBe(422);
  });
});

describe('blank detection', () => {
  const blankOf = async (body: Record<string, unknown>) => {
    const res = await post('/render', body);
    expect(res.status).toBe(200);
    return res.headers.get(RENDER_HEADERS.blank);
  };

  it('flags one flat colour and NaN, not a gradient or a colour that changes over time', async () => {
    expect(await blankOf({ source: imageOnly(shader('fragColor = vec4(0.2, 0.4, 0.6, 1.0);')) })).toBe(
      'true',
    );
    // iMouse.z is 0 here, so this is 0/0 everywhere; the compiler cannot fold it away.
    expect(await blankOf({ source: imageOnly(shader('fragColor = vec4(iMouse.z / iMouse.z);')) })).toBe(
      'true',
    );
    expect(
      await blankOf({ source: imageOnly(shader('fragColor = vec4(fragCoord / iResolution.xy, 0.0, 1.0);')) }),
    ).toBe('false');
    const fading = imageOnly(shader('fragColor = vec4(vec3(fract(iTime / 3.0)), 1.0);'));
    expect(await blankOf({ source: fading })).toBe('true');
    expect(await blankOf({ source: fading, kind: 'preview', fps: 5 })).toBe('false');
  });
});

describe('a pool of N browsers', () => {
  it(`runs ${POOL_SIZE} renders at once`, async () => {
    // Heavy enough to keep a browser busy for a moment, different per request so both compile.
    const slow = (seed: number) =>
      imageOnly(
        shader(
          `float x = ${seed}.0;\n  for (int i = 0; i < 800; i++) { x += sin(fragCoord.x * 0.01 + float(i) + x); }\n  fragColor = vec4(fract(x), 0.0, 0.0, 1.0);`,
        ),
      );
    let busyAtOnce = 0;
    const watch = setInterval(() => (busyAtOnce = Math.max(busyAtOnce, renderer.pool.busyCount())), 5);
    try {
      const replies = await Promise.all(
        Array.from({ length: POOL_SIZE }, (_, i) => post('/render', { source: slow(i) })),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(POOL_SIZE).fill(200));
    } finally {
      clearInterval(watch);
    }
    expect(busyAtOnce).toBe(POOL_SIZE);
    await waitUntil(() => renderer.pool.busyCount() === 0, 5000);
    expect(renderer.pool.queueDepth()).toBe(0);
  });
});
