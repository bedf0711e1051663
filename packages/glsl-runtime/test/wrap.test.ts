import { describe, expect, it } from 'vitest';
import type { ShaderSource } from '../src/types.ts';
import { wrapPassSource } from '../src/wrap.ts';

const image = (code: string, common = ''): ShaderSource => ({ common, passes: [{ name: 'Image', code }] });
const UNIFORMS = [
  'uniform vec3 iResolution;',
  'uniform float iTime;',
  'uniform float iTimeDelta;',
  'uniform float iFrameRate;',
  'uniform int iFrame;',
  'uniform float iChannelTime[4];',
  'uniform vec3 iChannelResolution[4];',
  'uniform vec4 iMouse;',
  'uniform vec4 iDate;',
  'uniform float iSampleRate;',
  'uniform sampler2D iChannel0;',
  'uniform sampler2D iChannel3;',
];

describe('wrapPassSource', () => {
  it('declares GLSL ES 3.00, highp, HW_PERFORMANCE and every Shadertoy uniform', () => {
    const { code } = wrapPassSource(
      image('void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }'),
      'Image',
    );
    const lines = code.split('\n');
    expect(lines[0]).toBe('#version 300 es');
    expect(lines).toContain('precision highp float;');
    expect(lines).toContain('#define HW_PERFORMANCE 1');
    for (const uniform of UNIFORMS) expect(lines).toContain(uniform);
  });

  it('starts the output at zero and forces Image alpha to 1', () => {
    const { code } = wrapPassSource(image('void mainImage(out vec4 c, in vec2 p) { }'), 'Image');
    expect(code).toMatch(
      /vec4 color = vec4\(0\.0\);\s*mainImage\(color, gl_FragCoord\.xy\);\s*color\.a = 1\.0;/,
    );
  });

  it('keeps the alpha a buffer writes', () => {
    const source: ShaderSource = {
      passes: [
        { name: 'Buffer A', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(0.5); }' },
        { name: 'Image', code: 'void mainImage(out vec4 c, in vec2 p) { c = vec4(1.0); }' },
      ],
    };
    expect(wrapPassSource(source, 'Buffer A').code).not.toContain('color.a = 1.0;');
  });

  it('places user line n at wrapped line n + userLineOffset', () => {
    const user = [
      '// line 1',
      'float k = 2.0;',
      'void mainImage(out vec4 c, in vec2 p) {',
      '  c = vec4(k);',
      '}',
    ];
    const wrapped = wrapPassSource(image(user.join('\n')), 'Image');
    const lines = wrapped.code.split('\n');
    expect(wrapped.userLineCount).toBe(5);
    user.forEach((text, i) => expect(lines[wrapped.userLineOffset + i]).toBe(text));
  });

  it('pastes Common before the pass and tracks both offsets', () => {
    const common = 'float helper() { return 1.0; }\n#define TAU 6.2831853\n';
    const wrapped = wrapPassSource(
      image('void mainImage(out vec4 c, in vec2 p) { c = vec4(helper()); }', common),
      'Image',
    );
    const lines = wrapped.code.split('\n');
    expect(wrapped.commonLineCount).toBe(2);
    expect(lines[wrapped.commonLineOffset]).toBe('float helper() { return 1.0; }');
    expect(wrapped.userLineOffset).toBe(wrapped.commonLineOffset + 2);
    expect(lines[wrapped.userLineOffset]).toContain('mainImage');
  });

  it('counts CRLF line endings as one line each', () => {
    const wrapped = wrapPassSource(image('a\r\nb\r\nc'), 'Image');
    expect(wrapped.userLineCount).toBe(3);
    expect(wrapped.code.split('\n')[wrapped.userLineOffset + 2]).toBe('c');
  });

  it('refuses a pass the shader does not have', () => {
    expect(() => wrapPassSource(image('x'), 'Buffer B')).toThrow(/no Buffer B pass/);
  });
});
