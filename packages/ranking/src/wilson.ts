/**
 * Lower bound of the Wilson score interval for the share of up-votes: "with 95 % confidence (z =
 * 1.96), at least this fraction of voters like it". Unlike the raw ratio it rewards evidence: 1 up
 * and 0 down scores 0.207, 10 up and 0 down 0.722, 100 up and 0 down 0.963. No votes scores 0.
 *
 *   p̂ = up / n,  n = up + down
 *   lower = (p̂ + z²/2n − z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)
 *
 * Accepts fractional counts, so callers can add pseudo-votes (see HOT_PRIOR in hot-score.ts).
 */
export function wilsonLowerBound(up: number, down: number, z = 1.96): number {
  const n = up + down;
  if (!(n > 0)) return 0;
  const p = up / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Tiny negative results from rounding (up = 0) are clamped; the bound is a probability.
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}
