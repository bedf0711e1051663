import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { clike } from '@codemirror/legacy-modes/mode/clike';
import type { Extension } from '@codemirror/state';
import { tags } from '@lezer/highlight';

const words = (list: string): Record<string, true> =>
  Object.fromEntries(list.split(/\s+/).map((word) => [word, true]));

/** GLSL ES 3.00 as Shadertoy writes it, plus the uniforms the runtime declares for every pass. */
const KEYWORDS = words(
  'const uniform in out inout centroid flat smooth layout invariant precision highp mediump lowp ' +
    'break continue discard return for while do if else switch case default struct',
);
const TYPES = words(
  'void bool int uint float vec2 vec3 vec4 ivec2 ivec3 ivec4 uvec2 uvec3 uvec4 bvec2 bvec3 bvec4 ' +
    'mat2 mat3 mat4 mat2x2 mat2x3 mat2x4 mat3x2 mat3x3 mat3x4 mat4x2 mat4x3 mat4x4 ' +
    'sampler2D sampler3D samplerCube sampler2DShadow sampler2DArray isampler2D usampler2D',
);
const BUILTINS = words(
  'radians degrees sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh pow exp log exp2 ' +
    'log2 sqrt inversesqrt abs sign floor trunc round roundEven ceil fract mod modf min max clamp mix ' +
    'step smoothstep isnan isinf floatBitsToInt floatBitsToUint intBitsToFloat uintBitsToFloat ' +
    'packSnorm2x16 unpackSnorm2x16 packUnorm2x16 unpackUnorm2x16 packHalf2x16 unpackHalf2x16 ' +
    'length distance dot cross normalize faceforward reflect refract matrixCompMult outerProduct ' +
    'transpose determinant inverse lessThan lessThanEqual greaterThan greaterThanEqual equal ' +
    'notEqual any all not texture textureSize textureProj textureLod textureOffset texelFetch ' +
    'texelFetchOffset textureGrad dFdx dFdy fwidth mainImage',
);
const ATOMS = words(
  'true false iResolution iTime iTimeDelta iFrame iFrameRate iMouse iDate iSampleRate ' +
    'iChannel0 iChannel1 iChannel2 iChannel3 iChannelResolution iChannelTime HW_PERFORMANCE ' +
    'gl_FragCoord gl_FragDepth',
);

const glslParser = clike({
  name: 'glsl',
  keywords: KEYWORDS,
  types: TYPES,
  builtin: BUILTINS,
  blockKeywords: words('for while do if else switch struct'),
  atoms: ATOMS,
  indentSwitch: false,
  hooks: {
    // Preprocessor lines (#define, #if …) are one token each.
    '#': (stream: { skipToEnd: () => void }) => {
      stream.skipToEnd();
      return 'meta';
    },
  },
});

const glslHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#c792ea' },
  { tag: [tags.typeName, tags.standard(tags.variableName)], color: '#82aaff' },
  { tag: [tags.atom, tags.bool], color: '#f78c6c' },
  { tag: tags.number, color: '#f78c6c' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#6b7394', fontStyle: 'italic' },
  { tag: tags.meta, color: '#ffcb6b' },
  { tag: tags.string, color: '#c3e88d' },
  { tag: tags.operator, color: '#89ddff' },
  { tag: tags.variableName, color: '#e8ebf2' },
]);

/** GLSL highlighting for the editor: a C-like stream language with GLSL's words and our uniforms. */
export function glsl(): Extension {
  return [StreamLanguage.define(glslParser), syntaxHighlighting(glslHighlight)];
}
