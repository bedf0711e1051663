import { hash32 } from './hash.ts';
import { tokenizeCode, tokenizeProse } from './tokenize.ts';

/** Fixed by the schema: `vector(256)` on shaders.text_embedding, desires.embedding, clusters, taste. */
export const EMBEDDING_DIM = 256;

export type Embedding = number[];

/** Any subset of these; shaders use title/description/tags/code, desires prompt/details/tags. */
export interface TextFields {
  title?: string;
  prompt?: string;
  description?: string;
  details?: string;
  tags?: readonly string[];
  /** GLSL source (all passes and the common code); only identifiers and comments count. */
  code?: string;
}

export interface ShaderText {
  title: string;
  description?: string;
  tags?: readonly string[];
  /** One string, or one per pass (the common code included). */
  code: string | readonly string[];
}

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
function addSegment(features: FeatureWeights, tokens: string[], fieldWeight: number): void {
  const tf = new Map<string, number>();
  const bump = (key: string) => tf.set(key, (tf.get(key) ?? 0) + 1);
  tokens.forEach((token, i) => {
    bump(`u ${token}`);
    const next = tokens[i + 1];
    if (next !== undefined && next !== token) bump(`b ${token} ${next}`);
  });
  for (const [key, count] of tf.entries()) {
    const weight = fieldWeight * (key.startsWith('b') ? BIGRAM_WEIGHT : 1) * (1 + Math.log(count));
    features.set(key, (features.get(key) ?? 0) + weight);
  }
}

/** Signed feature hashing into EMBEDDING_DIM slots, L2-normalised (all zeros if there are no features). */
function hashFeatures(features: FeatureWeights): Embedding {
  const v = new Array<number>(EMBEDDING_DIM).fill(0);
  const share = 1 / Math.sqrt(SLOTS_PER_FEATURE);
  for (const [key, weight] of features.entries()) {
    for (let seed = 0; seed < SLOTS_PER_FEATURE; seed++) {
      const h = hash32(key, seed);
      const slot = h % EMBEDDING_DIM;
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

/**
 * Embeds text fields into a unit vector of EMBEDDING_DIM numbers: deterministic, offline, no model.
 * A plain string is treated as a prompt. Text with no usable words at all still gets a (character
 * trigram) vector, so every input has a defined cosine similarity.
 */
export function embedText(input: TextFields | string): Embedding {
  const fields: TextFields = typeof input === 'string' ? { prompt: input } : input;
  const prose: FeatureWeights = new Map();
  for (const field of ['title', 'prompt', 'description', 'details'] as const) {
    const text = fields[field];
    if (text) addSegment(prose, tokenizeProse(text), FIELD_WEIGHT[field]);
  }
  for (const tag of fields.tags ?? []) addSegment(prose, tokenizeProse(tag), FIELD_WEIGHT.tags);

  const code: FeatureWeights = new Map();
  if (fields.code) addSegment(code, tokenizeCode(fields.code), FIELD_WEIGHT.code);

  if (prose.size === 0 && code.size === 0) {
    const raw = [fields.title, fields.prompt, fields.description, fields.details, ...(fields.tags ?? [])]
      .filter(Boolean)
      .join(' ');
    const fallback = trigramFeatures(raw);
    // Empty input: one fixed feature, so the vector is still a unit vector.
    return hashFeatures(fallback.size ? fallback : new Map([['empty', 1]]));
  }
  const proseVector = hashFeatures(prose);
  const codeVector = hashFeatures(code);
  return normalize(proseVector.map((x, i) => x + CODE_BLOCK_WEIGHT * codeVector[i]!));
}

/** A shader's text embedding: title, description, tags and the identifiers of its code. */
export function embedShader(shader: ShaderText): Embedding {
  const code = typeof shader.code === 'string' ? shader.code : shader.code.join('\n');
  return embedText({ title: shader.title, description: shader.description, tags: shader.tags, code });
}

export function normalize(v: readonly number[]): Embedding {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return norm > 0 ? v.map((x) => x / norm) : v.map(() => 0);
}

/** Cosine similarity in [-1, 1]; 0 when either vector is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length)
    throw new Error(`cosine of vectors of different length (${a.length}, ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * The running mean of `size` unit vectors (summarised by their normalised mean `centroid`) after
 * one more, renormalised: a spherical k-means update.
 */
export function addToCentroid(
  centroid: readonly number[],
  size: number,
  vector: readonly number[],
): Embedding {
  return normalize(centroid.map((c, i) => c * size + vector[i]!));
}
