export {
  EMBEDDING_DIM,
  LEXICAL_DIM,
  LEXICAL_SHARE,
  SEMANTIC_DIM,
  TEXT_EMBEDDING_MODEL,
  embedShader,
  embedText,
  embedTexts,
  hashEmbedShader,
  hashEmbedText,
} from './embed.ts';
export { hash32 } from './hash.ts';
export { labelFromText } from './label.ts';
export { lexicalVector } from './lexical.ts';
export { assertEmbedding, fromPgVector, toPgVector } from './pg-vector.ts';
export { loadSentenceEncoder } from './sentence-encoder.ts';
export { proseOf, type ShaderText, type TextFields } from './text-fields.ts';
export { proseWords, splitIdentifier, stem, tokenizeCode, tokenizeProse } from './tokenize.ts';
export { addToCentroid, cosine, normalize, type Embedding } from './vector-math.ts';
