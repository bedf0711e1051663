import { EMBEDDING_DIM } from './embed.ts';
import type { Embedding } from './vector-math.ts';

/** A pgvector text literal (`'[0.1,-0.2,…]'`), for a `$1::vector` parameter. Non-finite values become 0. */
export function toPgVector(v: readonly number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? String(x) : '0')).join(',')}]`;
}

/** Parses pgvector's text output (`[1,2,3]`) back into numbers. */
export function fromPgVector(text: string): Embedding {
  const inner = text.trim().replace(/^\[|\]$/g, '');
  return inner === '' ? [] : inner.split(',').map(Number);
}

export function assertEmbedding(v: readonly number[]): void {
  if (v.length !== EMBEDDING_DIM) throw new Error(`expected ${EMBEDDING_DIM} dimensions, got ${v.length}`);
}
