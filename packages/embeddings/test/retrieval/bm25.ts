import { tokenizeCode, tokenizeProse } from '../../src/index.ts';
import type { RetrievalDoc } from './corpus.ts';

/** The words of a document as the keyword baseline sees them: every text field and the code identifiers. */
export function documentTokens(doc: RetrievalDoc): string[] {
  const prose =
    doc.kind === 'shader'
      ? [doc.title, doc.description, ...doc.tags]
      : [doc.prompt, doc.details, ...doc.tags];
  return [...prose.flatMap(tokenizeProse), ...(doc.kind === 'shader' ? tokenizeCode(doc.code) : [])];
}

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75, the Lucene idf) over the same tokenizer as the embeddings: the
 * plain keyword baseline the text embedding has to beat.
 */
export function bm25Index(docs: readonly RetrievalDoc[], k1 = 1.2, b = 0.75) {
  const termFreqs = docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const t of documentTokens(doc)) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const lengths = docs.map((doc) => documentTokens(doc).length);
  const avgLength = lengths.reduce((s, n) => s + n, 0) / docs.length;
  const docFreq = new Map<string, number>();
  for (const tf of termFreqs) for (const t of tf.keys()) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  const idf = (t: string) => {
    const df = docFreq.get(t) ?? 0;
    return Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
  };
  return (query: string): number[] =>
    termFreqs.map((tf, i) => {
      let score = 0;
      for (const t of new Set(tokenizeProse(query))) {
        const f = tf.get(t) ?? 0;
        if (f > 0) score += (idf(t) * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[i]!) / avgLength));
      }
      return score;
    });
}
