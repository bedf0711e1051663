import { describe, expect, it } from 'vitest';
import { checkChromium } from '../chromium.check.ts';
import { checkGlslang } from '../glslang.check.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const healthy = { CHROMIUM_PATH, RENDERER_GL_BACKEND: 'swiftshader', RENDERER_CHROMIUM_FLAGS: '' } as const;

describe('chromium check', () => {
  it('starts Chromium as the renderer does and finds WebGL2 on SwiftShader', async () => {
    const [result, ...rest] = await checkChromium(healthy);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ name: 'chromium', status: 'ok' });
    expect(result!.detail).toMatch(/^WebGL2 via .*SwiftShader.* \(RENDERER_GL_BACKEND=swiftshader\)$/);
  });

  it('fails with the install step when CHROMIUM_PATH does not exist', async () => {
    const [result] = await checkChromium({ ...healthy, CHROMIUM_PATH: '/nonexistent' });
    expect(result).toMatchObject({ name: 'chromium', status: 'fail' });
    expect(result!.detail).toContain('CHROMIUM_PATH=/nonexistent is not an executable file');
    expect(result!.fix).toContain('apt-get install chromium');
  });

  it('fails, naming the flag to drop, when the Chromium flags turn WebGL off', async () => {
    const [result] = await checkChromium({ ...healthy, RENDERER_CHROMIUM_FLAGS: '--disable-webgl' });
    expect(result).toMatchObject({ name: 'chromium', status: 'fail' });
    expect(result!.detail).toMatch(
      /^WebGL2 is not available in Chromium with RENDERER_GL_BACKEND=swiftshader/,
    );
    expect(result!.fix).toContain('unset RENDERER_CHROMIUM_FLAGS');
  });

  it('fails when CHROMIUM_PATH is a program that is not a browser', async () => {
    const [result] = await checkChromium({ ...healthy, CHROMIUM_PATH: '/bin/true' });
    expect(result).toMatchObject({ name: 'chromium', status: 'fail' });
    expect(result!.detail).toMatch(/^Chromium at \/bin\/true did not start/);
  });
});

describe('glslangValidator check', () => {
  it("runs the renderer's pre-check: a valid shader passes, a broken one is reported on its line", async () => {
    const [result] = await checkGlslang();
    expect(result).toMatchObject({ name: 'glslangValidator', status: 'ok' });
    expect(result!.detail).toMatch(/glslangValidator \(.+\) compiles a valid shader/);
  });

  it('fails with the package to install when the validator is missing', async () => {
    const [result] = await checkGlslang({ binary: 'glslangValidator', searchPath: '/nonexistent' });
    expect(result).toEqual({
      name: 'glslangValidator',
      status: 'fail',
      detail: 'glslangValidator not found on PATH',
      fix: 'apt-get install glslang-tools (make bootstrap does)',
    });
  });

  it('fails a "validator" that accepts every shader', async () => {
    const [result] = await checkGlslang({ binary: '/bin/true' });
    expect(result).toMatchObject({ name: 'glslangValidator', status: 'fail' });
    expect(result!.detail).toContain('misjudges shaders');
  });
});
