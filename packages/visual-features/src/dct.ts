/** Orthonormal DCT-II basis for `n` samples: basis[k][x] = c(k) · cos(π (2x + 1) k / 2n). */
function dctBasis(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, k) => {
    const scale = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
    return Float64Array.from(
      { length: n },
      (_, x) => scale * Math.cos((Math.PI * (2 * x + 1) * k) / (2 * n)),
    );
  });
}

const bases = new Map<number, Float64Array[]>();

/**
 * Two-dimensional orthonormal DCT-II of a square `n`×`n` image (row-major), separable: rows, then
 * columns. Coefficient [v * n + u] holds vertical frequency v and horizontal frequency u.
 */
export function dct2d(pixels: ArrayLike<number>, n: number): Float64Array {
  if (pixels.length !== n * n) throw new Error(`dct2d expects ${n}×${n} samples, got ${pixels.length}`);
  let basis = bases.get(n);
  if (!basis) bases.set(n, (basis = dctBasis(n)));
  const rows = new Float64Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < n; u++) {
      const b = basis[u]!;
      let s = 0;
      for (let x = 0; x < n; x++) s += b[x]! * pixels[y * n + x]!;
      rows[y * n + u] = s;
    }
  }
  const out = new Float64Array(n * n);
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      const b = basis[v]!;
      let s = 0;
      for (let y = 0; y < n; y++) s += b[y]! * rows[y * n + u]!;
      out[v * n + u] = s;
    }
  }
  return out;
}
