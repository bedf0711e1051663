import { describe, expect, it } from 'vitest';
import { wantsProgress } from '../src/mcp-metrics.ts';
import { formatSource } from '../src/tools/format-source.ts';
import { describeCompileErrors, readShaderSource } from '../src/tools/shader-source-input.ts';

const IMAGE = 'void mainImage(out vec4 c, in vec2 p) {\n  c = vec4(1.0);\n}';

describe('readShaderSource', () => {
  it('turns code alone into a single Image pass', () => {
    expect(readShaderSource({ code: IMAGE })).toEqual({
      ok: true,
      source: { common: '', passes: [{ name: 'Image', code: IMAGE, channels: [] }] },
    });
  });

  it('keeps passes, channels and Common as given', () => {
    const reading = readShaderSource({
      common: 'float k = 1.0;',
      passes: [
        { name: 'Buffer A', code: IMAGE, channels: [{ kind: 'buffer', pass: 'Buffer A' }] },
        { name: 'Image', code: IMAGE, channels: [{ kind: 'buffer', pass: 'Buffer A' }] },
      ],
    });
    expect(reading.ok && reading.source.passes.map((p) => p.name)).toEqual(['Buffer A', 'Image']);
  });

  it('says what to fix: no source, both forms, no Image pass, a channel reading a missing buffer', () => {
    const errorOf = (input: Parameters<typeof readShaderSource>[0]) => {
      const reading = readShaderSource(input);
      return reading.ok ? '' : reading.error;
    };
    expect(errorOf({})).toMatch(/pass code/);
    expect(errorOf({ code: IMAGE, passes: [{ name: 'Image', code: IMAGE }] })).toMatch(/not both/);
    expect(errorOf({ passes: [{ name: 'Buffer A', code: IMAGE }] })).toMatch(
      /passes: an Image pass is required/,
    );
    expect(
      errorOf({ passes: [{ name: 'Image', code: IMAGE, channels: [{ kind: 'buffer', pass: 'Buffer B' }] }] }),
    ).toMatch(/iChannel0 reads Buffer B/);
  });
});

describe('describeCompileErrors', () => {
  it('quotes the offending line of the right pass, and of Common', () => {
    const source = {
      common: 'float a = 1;\nfloat b = x;',
      passes: [{ name: 'Image' as const, code: IMAGE, channels: [] }],
    };
    const text = describeCompileErrors(
      [
        { pass: 'Image', line: 2, message: "'c' : bad" },
        { pass: 'Common', line: 2, message: "'x' : undeclared identifier" },
        { pass: 'Image', line: null, message: 'after the end of your code: syntax error' },
      ],
      source,
    );
    expect(text).toBe(
      "- Image line 2: 'c' : bad\n    2 | c = vec4(1.0);\n" +
        "- Common line 2: 'x' : undeclared identifier\n    2 | float b = x;\n" +
        '- Image: after the end of your code: syntax error',
    );
  });
});

describe('formatSource', () => {
  it('renders Common and each pass as GLSL blocks with their channel bindings', () => {
    const text = formatSource({
      common: 'float k;',
      passes: [{ name: 'Image', code: IMAGE, channels: [null, { kind: 'texture', name: 'rgba-noise-256' }] }],
    });
    expect(text).toContain('### Common\n```glsl\nfloat k;\n```');
    expect(text).toContain('### Image (iChannel1 = texture rgba-noise-256)');
  });
});

describe('wantsProgress', () => {
  it('is true only when a request in the body carries a progressToken', () => {
    expect(wantsProgress({ method: 'tools/call', params: { _meta: { progressToken: 1 } } })).toBe(true);
    expect(
      wantsProgress([
        { method: 'ping' },
        { method: 'tools/call', params: { _meta: { progressToken: 'a' } } },
      ]),
    ).toBe(true);
    expect(wantsProgress({ method: 'tools/list', params: {} })).toBe(false);
    expect(wantsProgress(null)).toBe(false);
  });
});
