/** The usual damping constant of reciprocal-rank fusion (Cormack et al., 2009). */
export const RRF_K = 60;

/**
 * Merges ranked id lists (best first) into one: score(id) = Σ over lists of 1 / (k + rank), rank
 * starting at 1, missing from a list adds nothing. Only ranks matter, so lists whose scores are
 * on different scales (text vs visual cosine) merge fairly, and an id near the top of both beats
 * one at the top of only one: with k = 60, ranks 2 and 2 give 2/62 = 0.0323 > rank 1 alone 1/61 =
 * 0.0164. Ties keep the order in which ids were first met.
 */
export function reciprocalRankFusion(
  lists: readonly (readonly string[])[],
  k = RRF_K,
): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    const seen = new Set<string>();
    list.forEach((id, index) => {
      if (seen.has(id)) return; // a duplicate inside one list counts once, at its best rank
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1));
    });
  }
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
