import type { PassName, ShaderSource } from './types.ts';

/**
 * Shadertoy-compatible wrapping of one pass: a fixed header (version, precision, every uniform),
 * then the Common tab, then the pass, then a `main()` that calls the author's `mainImage`.
 * Line offsets let compile logs be mapped back to the author's own numbering.
 */
const HEADER = [
  '#version 300 es',
  'precision highp float;',
  'precision highp int;',
  'precision highp sampler2D;',
  '#define HW_PERFORMANCE 1',
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
  'uniform sampler2D iChannel1;',
  'uniform sampler2D iChannel2;',
  'uniform sampler2D iChannel3;',
  'out vec4 fractafragOutColor;',
];

function footer(passName: PassName): string[] {
  return [
    'void main() {',
    '  vec4 color = vec4(0.0);',
    '  mainImage(color, gl_FragCoord.xy);',
    // Shadertoy shows the Image pass opaque whatever alpha the author wrote; buffers keep theirs.
    ...(passName === 'Image' ? ['  color.a = 1.0;'] : []),
    '  fractafragOutColor = color;',
    '}',
  ];
}

export interface WrappedPass {
  code: string;
  /** Wrapped line = user line + userLineOffset. */
  userLineOffset: number;
  userLineCount: number;
  /** Wrapped line = Common line + commonLineOffset. */
  commonLineOffset: number;
  commonLineCount: number;
}

/** Splits code into lines, normalising CR/CRLF so our count matches the compiler's. */
export function sourceLines(code: string): string[] {
  if (code === '') return [];
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function wrapPassSource(source: ShaderSource, passName: PassName): WrappedPass {
  const pass = source.passes.find((p) => p.name === passName);
  if (!pass) throw new Error(`shader has no ${passName} pass`);
  const common = sourceLines(source.common ?? '');
  const user = sourceLines(pass.code);
  const lines = [...HEADER, ...common, ...user, ...footer(passName)];
  return {
    code: `${lines.join('\n')}\n`,
    userLineOffset: HEADER.length + common.length,
    userLineCount: user.length,
    commonLineOffset: HEADER.length,
    commonLineCount: common.length,
  };
}
