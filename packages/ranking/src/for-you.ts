/** Blend weights of the "for you" score; they sum to 1, so the score lies in [0, 1]. */
export const FOR_YOU_WEIGHTS = { similarity: 0.6, hot: 0.25, freshness: 0.15 } as const;

/** A hot score equal to this maps to 0.5 after squashing (a new unvoted shader scores ≈ 0.0945). */
export const FOR_YOU_HOT_MIDPOINT = 0.1;

/** Freshness halves every 72 hours: slower than hot, it only nudges recent work up. */
export const FOR_YOU_FRESHNESS_HALF_LIFE_HOURS = 72;

export interface ForYouInput {
  /**
   * Cosine similarity between the user's taste vector and the shader's text embedding (−1…1);
   * null (or NaN) when the shader has no usable embedding yet.
   */
  similarity: number | null;
  /** The shader's hot score (≥ 0, unbounded above). */
  hot: number;
  /** Hours since publication. */
  ageHours: number;
}

/**
 * score = 0.6 · max(0, similarity) + 0.25 · hot / (hot + 0.1) + 0.15 · 2^(−ageHours / 72)
 *
 * Similarity leads: the feed is personal. Dissimilar (negative) and unknown similarity count as 0,
 * so trending and new candidates without an embedding still compete on hot and freshness. Hot is
 * squashed into [0, 1) so one viral shader cannot drown the similarity signal.
 *
 * Worked example: similarity 0.8, hot 0.3, 24 h old:
 *   0.6·0.8 = 0.48; 0.25·0.3/0.4 = 0.1875; 0.15·2^(−1/3) = 0.1191; score 0.7866.
 */
export function forYouScore(input: ForYouInput): number {
  // NaN (pgvector's cosine distance to an all-zero vector) counts as unknown.
  const similarity = Number.isFinite(input.similarity) ? Math.min(1, Math.max(0, input.similarity!)) : 0;
  const hot = Number.isFinite(input.hot) ? Math.max(0, input.hot) : 0;
  const hotSquashed = hot / (hot + FOR_YOU_HOT_MIDPOINT);
  const freshness = 2 ** (-Math.max(0, input.ageHours) / FOR_YOU_FRESHNESS_HALF_LIFE_HOURS);
  return (
    FOR_YOU_WEIGHTS.similarity * similarity +
    FOR_YOU_WEIGHTS.hot * hotSquashed +
    FOR_YOU_WEIGHTS.freshness * freshness
  );
}
