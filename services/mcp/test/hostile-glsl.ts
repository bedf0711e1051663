import { MAX_PASS_BYTES } from '@fractafrag/contracts';

export const GRADIENT = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}`;

/** Compiles, but never finishes a frame: iTime is never negative. */
export const ENDLESS_LOOP = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  float x = 0.0;
  while (iTime >= 0.0) { x += sin(x + fragCoord.x); }
  fragColor = vec4(x);
}`;

const wrap = (expression: string) =>
  `void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  float v = ${expression};\n  fragColor = vec4(v);\n}`;

const nested = (depth: number) => wrap(`${'('.repeat(depth)}1.0${')'.repeat(depth)}`);

/** Each level doubles the expansion: A40 stands for 2^40 copies of 1.0. */
function macroBomb(levels: number): string {
  const defines = ['#define A0 1.0'];
  for (let i = 1; i <= levels; i++) defines.push(`#define A${i} (A${i - 1} + A${i - 1})`);
  return `${defines.join('\n')}\n${wrap(`A${levels}`)}`;
}

/** Bytes from a fixed-seed generator, as one character each (so 0x00 is a NUL). */
function garbage(length: number, lowest: number): string {
  let state = 0x2545f491;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += String.fromCharCode(lowest + ((state >>> 16) % (256 - lowest)));
  }
  return out;
}

const TOO_BIG = /too big|exceeds|64 KiB|65536/i;
const REFUSED_BY_COMPILER = /does not compile|too complex/i;

export interface GlslAttack {
  label: string;
  code: string;
  /** What the refusal must say. */
  expected: RegExp;
}

export const GLSL_ATTACKS: GlslAttack[] = [
  {
    label: 'a source over the 64 KiB limit',
    code: `${GRADIENT}\n// ${'x'.repeat(MAX_PASS_BYTES)}`,
    expected: TOO_BIG,
  },
  {
    label: 'multi-byte text: under 64 Ki characters, over 64 KiB of UTF-8',
    code: `${GRADIENT}\n// ${'€'.repeat(30_000)}`,
    expected: TOO_BIG,
  },
  { label: '100k nested parentheses', code: nested(100_000), expected: TOO_BIG },
  { label: 'a 1 MB single line', code: `${GRADIENT} ${'float a = 1.0; '.repeat(70_000)}`, expected: TOO_BIG },
  {
    label: '30k nested parentheses (under the size limit)',
    code: nested(30_000),
    expected: REFUSED_BY_COMPILER,
  },
  { label: 'a macro bomb (#define chains, 2^40 copies)', code: macroBomb(40), expected: REFUSED_BY_COMPILER },
  {
    label: 'a 60 KB single line of garbage tokens',
    code: `${GRADIENT} ${'@#! '.repeat(15_000)}`,
    expected: REFUSED_BY_COMPILER,
  },
  // NUL is refused before the compiler (Postgres cannot store it) or by the compiler itself.
  { label: 'binary garbage with NUL bytes', code: garbage(8_000, 0), expected: /NUL|does not compile/i },
  { label: 'binary garbage without NUL', code: garbage(8_000, 1), expected: REFUSED_BY_COMPILER },
];
