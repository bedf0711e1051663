/** A dense vector; the text embedding has EMBEDDING_DIM of them, unit length. */
export type Embedding = number[];

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
