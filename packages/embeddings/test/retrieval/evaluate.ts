import type { RetrievalDoc, RetrievalQuery } from './corpus.ts';

export interface RetrievalScores {
  /** Share of queries whose expected document ranks first. */
  precisionAt1: number;
  /** Share of queries whose expected document is among the first five (one relevant document per query). */
  precisionAt5: number;
  /** Mean reciprocal rank of the expected document. */
  mrr: number;
  /** Queries whose expected document missed the top five, with the rank it got (1-based). */
  misses: { query: string; expect: string; rank: number }[];
}

/**
 * Ranks every document for every query by `score` (higher is closer; ties keep corpus order, so a
 * scorer that gives everything 0 cannot win by luck) and reports where the expected one lands.
 */
export function evaluateRetrieval(
  docs: readonly RetrievalDoc[],
  queries: readonly RetrievalQuery[],
  scores: (queryIndex: number) => readonly number[],
): RetrievalScores {
  let hits1 = 0;
  let hits5 = 0;
  let reciprocal = 0;
  const misses: RetrievalScores['misses'] = [];
  queries.forEach((q, qi) => {
    const s = scores(qi);
    const target = docs.findIndex((d) => d.id === q.expect);
    // Rank = 1 + documents scoring strictly higher, + ties that come earlier in the corpus.
    let rank = 1;
    for (let i = 0; i < docs.length; i++) {
      if (i === target) continue;
      if (s[i]! > s[target]! || (s[i] === s[target] && i < target)) rank += 1;
    }
    if (rank === 1) hits1 += 1;
    if (rank <= 5) hits5 += 1;
    else misses.push({ query: q.query, expect: q.expect, rank });
    reciprocal += 1 / rank;
  });
  return {
    precisionAt1: hits1 / queries.length,
    precisionAt5: hits5 / queries.length,
    mrr: reciprocal / queries.length,
    misses,
  };
}
