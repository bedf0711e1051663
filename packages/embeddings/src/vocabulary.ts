/**
 * Words that carry no meaning for similarity. Everything here is compared after lower-casing and
 * identifier splitting, so `mainImage` is dropped as `main` + `image`, `iResolution` as `i` + `resolution`.
 */

/** GLSL ES 3.00 keywords, types, qualifiers and built-in functions, plus the Shadertoy uniforms. */
const GLSL_WORDS = `
  attribute const uniform varying layout centroid flat smooth break continue do for while switch case
  default if else in out inout true false invariant discard return struct precision highp mediump lowp
  void bool int uint float double vec bvec ivec uvec dvec mat sampler isampler usampler texture cube
  shadow array define undef ifdef ifndef endif elif pragma version extension line error defined es
  radians degrees sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh pow exp log exp2 log2
  sqrt inversesqrt abs sign floor trunc round even ceil fract mod modf min max clamp mix step
  smoothstep isnan isinf float bits to int uint length distance dot cross normalize faceforward reflect
  refract matrix comp mult outer product transpose determinant inverse less than equal greater not any
  all size lod proj offset fetch grad dfdx dfdy fwidth pack unpack snorm unorm half
  fragcoord fragcolor frag coord color main image mouse resolution time delta frame rate date channel
  sample hw performance gl position
`;

/** Conventional throwaway names in shader code: coordinates, swizzles, loop counters, temporaries. */
const CODE_NOISE = `
  uv st xy xyz xyzw rgb rgba col res tmp temp val fi id idx pos dir ro rd nor
  init loop result value ret sum acc
`;

/** English function words and filler common in requests ("I would like a shader that ..."). */
const ENGLISH_STOPWORDS = `
  a an the and or but nor so yet of to in on at by for with without from into onto over under about
  above below between through during before after again further then once here there when where why
  how all any both each few more most other some such no only own same than too very can will just
  should now is are was were be been being have has had having do does did doing would could might
  must shall may i me my myself we our ours you your yours he him his she her hers it its they them
  their theirs what which who whom this that these those am as if because until while also get got
  let lets make made makes like want wants wanted need needs please something someone thing things
  really lot lots kind sort way ways maybe perhaps e g ie eg etc one using use used uses shader shaders
  effect thing see look looks looking
`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

export const GLSL_VOCABULARY: ReadonlySet<string> = new Set([...words(GLSL_WORDS), ...words(CODE_NOISE)]);
export const STOPWORDS: ReadonlySet<string> = new Set(words(ENGLISH_STOPWORDS));

/** Swizzle-like tokens (`xyx`, `rgb`, `stp`) are dropped from code. */
export const SWIZZLE = /^(?:[xyzw]{1,4}|[rgba]{1,4}|[stpq]{1,4})$/;
