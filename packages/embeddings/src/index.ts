export {
  EMBEDDING_DIM,
  addToCentroid,
  cosine,
  embedShader,
  embedText,
  normalize,
  type Embedding,
  type ShaderText,
  type TextFields,
} from './embed.ts';
export { hash32 } from './hash.ts';
export { labelFromText } from './label.ts';
export { assertEmbedding, fromPgVector, toPgVector } from './pg-vector.ts';
export { proseWords, splitIdentifier, stem, tokenizeCode, tokenizeProse } from './tokenize.ts';
