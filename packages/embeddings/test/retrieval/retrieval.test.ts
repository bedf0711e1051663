import { beforeAll, describe, expect, it } from 'vitest';
import {
  cosine,
  embedTexts,
  hashEmbedText,
  loadSentenceEncoder,
  type Embedding,
  type TextFields,
} from '../../src/index.ts';
import { encodeSentences } from '../../src/sentence-encoder.ts';
import { proseOf } from '../../src/text-fields.ts';
import { bm25Index } from './bm25.ts';
import { loadRetrievalSet, type RetrievalDoc } from './corpus.ts';
import { evaluateRetrieval, type RetrievalScores } from './evaluate.ts';

/**
 * Precision@1 and @5 on the retrieval set (packages/embeddings/test/retrieval/retrieval.fixture.json
 * plus the seed shaders of db/init.sql): the text embedding we store, against a plain keyword
 * baseline (BM25) and the hashed bag of words it replaced. Prints the table.
 */
const { docs, queries } = loadRetrievalSet();

const fieldsOf = (doc: RetrievalDoc): TextFields =>
  doc.kind === 'shader'
    ? { title: doc.title, description: doc.description, tags: doc.tags, code: doc.code }
    : { prompt: doc.prompt, details: doc.details, tags: doc.tags };

function byCosine(docVectors: Embedding[], queryVectors: Embedding[]) {
  return (qi: number) => docVectors.map((d) => cosine(queryVectors[qi]!, d));
}

const results = new Map<string, RetrievalScores & { msPerText?: number }>();

describe('text retrieval quality', () => {
  beforeAll(async () => {
    await loadSentenceEncoder();
    const bm25 = bm25Index(docs);
    results.set(
      'BM25 keyword baseline',
      evaluateRetrieval(docs, queries, (qi) => bm25(queries[qi]!.query)),
    );

    results.set(
      'hashed bag of words (previous)',
      evaluateRetrieval(
        docs,
        queries,
        byCosine(
          docs.map((d) => hashEmbedText(fieldsOf(d))),
          queries.map((q) => hashEmbedText(q.query)),
        ),
      ),
    );

    const useDocs = await encodeSentences(docs.map((d) => proseOf(fieldsOf(d))));
    const useQueries = await encodeSentences(queries.map((q) => q.query));
    results.set(
      'sentence encoder alone (512 d)',
      evaluateRetrieval(docs, queries, byCosine(useDocs, useQueries)),
    );

    const started = performance.now();
    const docVectors = await embedTexts(docs.map(fieldsOf));
    const queryVectors = await embedTexts(queries.map((q) => q.query));
    const msPerText = (performance.now() - started) / (docs.length + queries.length);
    results.set('embedText (chosen, 256 d)', {
      ...evaluateRetrieval(docs, queries, byCosine(docVectors, queryVectors)),
      msPerText,
    });

    const rows = [...results.entries()].map(([name, r]) => ({
      embedder: name,
      'P@1': r.precisionAt1.toFixed(3),
      'P@5': r.precisionAt5.toFixed(3),
      MRR: r.mrr.toFixed(3),
      'missed top 5': r.misses.map((m) => `${m.expect} (#${m.rank})`).join(', '),
    }));
    console.log(`retrieval set: ${queries.length} queries over ${docs.length} documents`);
    console.table(rows);
  }, 120_000);

  it('has at least 30 queries, each naming a document of the corpus', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    expect(docs.filter((d) => d.id.startsWith('seed-'))).toHaveLength(14);
  });

  it('finds the expected document at least as often as the BM25 keyword baseline, at rank 1 and in the top 5', () => {
    const chosen = results.get('embedText (chosen, 256 d)')!;
    const keyword = results.get('BM25 keyword baseline')!;
    expect(chosen.precisionAt1).toBeGreaterThanOrEqual(keyword.precisionAt1);
    expect(chosen.precisionAt5).toBeGreaterThanOrEqual(keyword.precisionAt5);
  });

  it('beats the hashed bag of words it replaced', () => {
    const chosen = results.get('embedText (chosen, 256 d)')!;
    const hashed = results.get('hashed bag of words (previous)')!;
    expect(chosen.mrr).toBeGreaterThan(hashed.mrr);
  });
});
