import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { imageOnly, type ShaderSource } from '@fractafrag/contracts';
import { describe, expect, it } from 'vitest';
import {
  assertPrecheckRuns,
  createGlslangPrecheck,
  PrecheckUnavailableError,
  TOO_COMPLEX,
} from '../src/glslang-precheck.ts';

const precheck = createGlslangPrecheck();

describe('glslangValidator pre-check', () => {
  it('accepts a shader that uses every Shadertoy uniform', async () => {
    const code = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  vec4 t = texture(iChannel0, uv) + texture(iChannel1, uv) + texture(iChannel2, uv) + texture(iChannel3, uv);
  float m = iMouse.z > 0.0 ? 1.0 : 0.0;
  fragColor = vec4(uv, sin(iTime + iTimeDelta + iFrameRate + float(iFrame)), 1.0) * m + t * 0.0
    + vec4(iDate.w + iSampleRate + iChannelTime[0] + iChannelResolution[1].x) * 0.0;
#if HW_PERFORMANCE == 1
  fragColor.r += 0.0;
#endif
}`;
    await expect(precheck(imageOnly(code))).resolves.toEqual([]);
  });

  it("reports an error on the author's line, not the wrapper's", async () => {
    const code =
      'void mainImage(out vec4 c, in vec2 p) {\n  vec2 uv = p;\n  c = vec4(uv, missing, 1.0);\n}\n';
    const errors = await precheck(imageOnly(code));
    expect(errors).toEqual([expect.objectContaining({ pass: 'Image', line: 3 })]);
    expect(errors[0]!.message).toContain('missing');
  });

  const withCommon = (common: string, bufferCode: string): ShaderSource => ({
    common,
    passes: [
      { name: 'Buffer A', code: bufferCode, channels: [] },
      {
        name: 'Image',
        code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(helper()); }\n',
        channels: [],
      },
    ],
  });

  it('numbers pass errors within the pass when Common comes before it', async () => {
    const source = withCommon(
      'float helper() {\n  return 1.0;\n}\n',
      'void mainImage(out vec4 c, in vec2 p) {\n  c = vec4(helper() + alsoMissing);\n}\n',
    );
    expect(await precheck(source)).toEqual([expect.objectContaining({ pass: 'Buffer A', line: 2 })]);
  });

  it('reports Common errors once, in Common numbering', async () => {
    const source = withCommon(
      'float helper() { return 1.0; }\nfloat broken() { return nothing; }\n',
      'void mainImage(out vec4 c, in vec2 p) { c = vec4(helper()); }\n',
    );
    expect(await precheck(source)).toEqual([
      { pass: 'Common', line: 2, message: "'nothing' : undeclared identifier" },
    ]);
  });

  it('reports a missing validator as unavailable, not as a verdict on the shader, and does not keep it', async () => {
    const missing = createGlslangPrecheck({ binary: '/nonexistent/glslangValidator' });
    const source = imageOnly('void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }');
    await expect(missing(source)).rejects.toBeInstanceOf(PrecheckUnavailableError);
    await expect(missing(source)).rejects.toThrow(/could not be run \(exit 12[67]\)/);
    await expect(assertPrecheckRuns(missing, '/nonexistent/glslangValidator')).rejects.toThrow(
      /cannot run \/nonexistent\/glslangValidator/,
    );
    await expect(assertPrecheckRuns(createGlslangPrecheck(), 'glslangValidator')).resolves.toBeUndefined();
  });

  it('refuses a macro bomb quickly, as too complex to compile', async () => {
    const code = [
      '#define A(x) x+x+x+x+x+x+x+x+x+x',
      '#define B(x) A(A(A(A(A(A(A(A(A(x)))))))))',
      'void mainImage(out vec4 c, in vec2 p) { c = vec4(B(1.0)); }',
    ].join('\n');
    const started = performance.now();
    const errors = await precheck(imageOnly(code));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(errors).toEqual([{ pass: 'Image', line: null, message: TOO_COMPLEX }]);
  });

  it('checks a source it has just seen from memory, without starting the validator again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'precheck-'));
    try {
      const calls = path.join(dir, 'calls');
      const counting = path.join(dir, 'glslang');
      await writeFile(counting, `#!/bin/sh\necho run >> '${calls}'\nexec glslangValidator "$@"\n`);
      await chmod(counting, 0o755);
      const cached = createGlslangPrecheck({ binary: counting });
      const good = imageOnly('void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }\n');
      const bad = imageOnly('void mainImage(out vec4 c, in vec2 p) { c = vec4(nope); }\n');
      for (let i = 0; i < 3; i++) {
        await expect(cached(good)).resolves.toEqual([]);
        await expect(cached(bad)).resolves.toHaveLength(1);
      }
      expect((await readFile(calls, 'utf8')).trim().split('\n')).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
