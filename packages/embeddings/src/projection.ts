import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The fitted projection from the sentence encoder's dimensions onto the semantic block, relative to
 * the package folder: rows of little-endian float32, written by scripts/fit-semantic-projection.ts.
 */
export const SEMANTIC_PROJECTION_FILE = 'data/semantic-projection.f32';

/**
 * Reads the projection (`rows` directions of `inputDim` numbers). Throws with what to do when the
 * file is missing or has another shape, rather than embedding into a different space.
 */
export function loadProjection(rows: number, inputDim: number): Float64Array[] {
  const path = fileURLToPath(new URL(`../${SEMANTIC_PROJECTION_FILE}`, import.meta.url));
  const bytes = readFileSync(path);
  if (bytes.byteLength !== rows * inputDim * 4) {
    throw new Error(
      `${path} holds ${bytes.byteLength} bytes, expected ${rows}×${inputDim} float32; ` +
        'rerun packages/embeddings/scripts/fit-semantic-projection.ts',
    );
  }
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, rows * inputDim);
  return Array.from({ length: rows }, (_, r) =>
    Float64Array.from(floats.subarray(r * inputDim, (r + 1) * inputDim)),
  );
}

export function project(basis: readonly Float64Array[], v: readonly number[]): number[] {
  return basis.map((row) => {
    let dot = 0;
    for (let j = 0; j < row.length; j++) dot += row[j]! * v[j]!;
    return dot;
  });
}
