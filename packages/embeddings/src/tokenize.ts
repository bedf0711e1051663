import { GLSL_VOCABULARY, STOPWORDS, SWIZZLE } from './vocabulary.ts';

/**
 * Splits one identifier into lower-case words: camelCase, PascalCase, snake_case, SCREAMING_CASE
 * and digit boundaries (`sdRoundBox` → sd round box, `HW_PERFORMANCE` → hw performance,
 * `hash22` → hash, `vec3` → vec). Pure digit runs are dropped.
 */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z])([A-Z])/g, '$1 $2') // fooBar → foo Bar
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // HTMLParser → HTML Parser
    .split(/[^A-Za-z0-9]+|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '' && !/^[0-9]+$/.test(w));
}

/**
 * Light suffix stemming, so that glow/glowing/glows and wave/waves/waving meet: plural -s/-es/-ies,
 * -ing, -ed, -ly, then a trailing -e and a doubled final consonant. Deliberately conservative:
 * short words are left alone, and every inflection of one word lands on the same stem.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  for (const suffix of ['ing', 'ed', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (/([b-df-hj-km-np-rtv-z])\1$/.test(w) && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Words of natural-language text (titles, prompts, descriptions, tags), in order, unstemmed. */
export function proseWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[^\p{L}\p{N}_]+/u)) {
    if (!raw) continue;
    // "2d", "3d", "4k" are words in prose; elsewhere ASCII words split like identifiers.
    const parts =
      /^[0-9]+[a-z]$/i.test(raw) || !/^[\x20-\x7e]+$/.test(raw) ? [raw.toLowerCase()] : splitIdentifier(raw);
    for (const w of parts) {
      if (w.length >= 2 && !STOPWORDS.has(w) && !/^[0-9]+$/.test(w)) out.push(w);
    }
  }
  return out;
}

/** Stemmed content tokens of natural-language text. */
export function tokenizeProse(text: string): string[] {
  return proseWords(text).map(stem);
}

/**
 * Content tokens of GLSL source: identifiers (and comment words) split into words, with GLSL
 * keywords, built-ins, Shadertoy uniforms, swizzles, numbers and throwaway names dropped.
 * `float sdRoundBox(vec3 p)` yields ["sd", "round", "box"].
 */
export function tokenizeCode(code: string): string[] {
  const out: string[] = [];
  const withoutNumbers = code.replace(/\b[0-9][0-9.]*(?:e[+-]?[0-9]+)?[uUfF]?\b/g, ' ');
  for (const identifier of withoutNumbers.split(/[^A-Za-z0-9_]+/)) {
    if (!identifier || SWIZZLE.test(identifier)) continue;
    for (const w of splitIdentifier(identifier)) {
      if (w.length < 2 || SWIZZLE.test(w) || GLSL_VOCABULARY.has(w) || STOPWORDS.has(w)) continue;
      out.push(stem(w));
    }
  }
  return out;
}
