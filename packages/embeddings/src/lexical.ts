import { hash32 } from './hash.ts';
import { asFields, type TextFields } from './text-fields.ts';
import { tokenizeCode, tokenizeProse } from './tokenize.ts';
import { normalize, type Embedding } from './vector-math.ts';

/**
 * The weighting, in one place. A title or prompt word counts twice a description word; tags
 * sit between. Bigrams (adjacent content words) add word order at half weight. The code block is
 * normalised on its own and then given half the mass of the prose, so a long shader cannot drown
 * its title, and a shader with no description is still placed by what its code names.
 */
const FIELD_WEIGHT = { title: 2, prompt: 2, tags: 1.5, description: 1, details: 1, code: 1 } as const;
const BIGRAM_WEIGHT = 0.5;
const CODE_BLOCK_WEIGHT = 0.5;
/** Each feature is hashed into two signed slots, which halves the damage of any one collision. */
const SLOTS_PER_FEATURE = 2;

type FeatureWeights = Map<string, number>;

/** Sublinear term frequency per field (1 + ln tf), times the field weight, summed over fields. */
function addSegment(features: FeatureWeights, tokens: string[], fieldWeight: number, bigrams = true): void {
  const tf = new Map<string, number>();
  const bump = (key: string) => tf.set(key, (tf.get(key) ?? 0) + 1);
  tokens.forEach((token, i) => {
    bump(`u ${token}`);
    const next = tokens[i + 1];
    if (bigrams && next !== undefined && next !== token) bump(`b ${token} ${next}`);
  });
  for (const [key, count] of tf.entries()) {
    const weight = fieldWeight * (key.startsWith('b') ? BIGRAM_WEIGHT : 1) * (1 + Math.log(count));
    features.set(key, (features.get(key) ?? 0) + weight);
  }
}

/** Signed feature hashing into `dim` slots, L2-normalised (all zeros if there are no features). */
function hashFeatures(features: FeatureWeights, dim: number): Embedding {
  const v = new Array<number>(dim).fill(0);
  const share = 1 / Math.sqrt(SLOTS_PER_FEATURE);
  for (const [key, weight] of features.entries()) {
    for (let seed = 0; seed < SLOTS_PER_FEATURE; seed++) {
      const h = hash32(key, seed);
      const slot = h % dim;
      const sign = (h >>> 16) & 1 ? 1 : -1;
      v[slot]! += sign * weight * share;
    }
  }
  return normalize(v);
}

/** Character trigrams: the fallback for text with no content words at all ("the", "???"). */
function trigramFeatures(text: string): FeatureWeights {
  const features: FeatureWeights = new Map();
  const s = ` ${text.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  for (let i = 0; i + 3 <= s.length; i++) {
    const key = `c ${s.slice(i, i + 3)}`;
    features.set(key, (features.get(key) ?? 0) + 1);
  }
  return features;
}

/** Empty input or no content words: character trigrams, or one fixed feature, so the vector is still a unit vector. */
function fallbackVector(fields: TextFields, dim: number): Embedding {
  const raw = [fields.title, fields.prompt, fields.description, fields.details, ...(fields.tags ?? [])]
    .filter(Boolean)
    .join(' ');
  const fallback = trigramFeatures(raw);
  return hashFeatures(fallback.size ? fallback : new Map([['empty', 1]]), dim);
}

/**
 * The lexical block of the text embedding: a hashed bag of stemmed words in `dim` dimensions, unit
 * length. Fields weighted as above and code identifiers at a quarter of a title word, all in one
 * bag and without bigrams: in a block this small, fewer features means fewer collisions, and the
 * sentence encoder already sees word order. It is there for what the encoder is blind to: rare
 * names ("truchet", "menger", "voronoi") and the identifiers of the code.
 */
export function wordVector(input: TextFields | string, dim: number): Embedding {
  const fields = asFields(input);
  const features: FeatureWeights = new Map();
  for (const field of ['title', 'prompt', 'description', 'details'] as const) {
    const text = fields[field];
    if (text) addSegment(features, tokenizeProse(text), FIELD_WEIGHT[field], false);
  }
  addSegment(features, (fields.tags ?? []).flatMap(tokenizeProse), FIELD_WEIGHT.tags, false);
  if (fields.code)
    addSegment(features, tokenizeCode(fields.code), CODE_BLOCK_WEIGHT * FIELD_WEIGHT.code, false);
  return features.size > 0 ? hashFeatures(features, dim) : fallbackVector(fields, dim);
}

/**
 * The previous embedder (kept as a baseline): the words of a text as a hashed bag of stemmed words
 * and bigrams in `dim` dimensions, unit
 * length: deterministic, exact on rare words (a shader called "Truchet" finds "truchet"), blind to
 * synonyms. Text with no usable words still gets a (character trigram) vector, so every input has
 * a defined cosine similarity.
 */
export function lexicalVector(input: TextFields | string, dim: number): Embedding {
  const fields = asFields(input);
  const prose: FeatureWeights = new Map();
  for (const field of ['title', 'prompt', 'description', 'details'] as const) {
    const text = fields[field];
    if (text) addSegment(prose, tokenizeProse(text), FIELD_WEIGHT[field]);
  }
  for (const tag of fields.tags ?? []) addSegment(prose, tokenizeProse(tag), FIELD_WEIGHT.tags);

  const code: FeatureWeights = new Map();
  if (fields.code) addSegment(code, tokenizeCode(fields.code), FIELD_WEIGHT.code);

  if (prose.size === 0 && code.size === 0) return fallbackVector(fields, dim);
  const proseVector = hashFeatures(prose, dim);
  const codeVector = hashFeatures(code, dim);
  return normalize(proseVector.map((x, i) => x + CODE_BLOCK_WEIGHT * codeVector[i]!));
}
