/**
 * A user's taste vector: the decayed, signed, weighted mean of the text embeddings of the shaders
 * they engaged with. Per shader the signals add up to one weight:
 *
 *   w = vote · 1.0 · d(voted)                                  (vote = +1 up, −1 down, 0 none)
 *     + 0.5 · log2(1 + replays) · d(last replay)               (1 replay 0.5, 3 replays 1.0)
 *     + 0.5 · min(1, dwell / 60 s) · d(last dwell)  if dwell ≥ 15 s in total (a long look)
 *
 *   d(t) = 0.5^(age of t in days / 30)                         (a signal halves every 30 days)
 *
 *   taste = normalise( Σ w · e / Σ |w| )                        (e = the shader's unit embedding)
 *
 * Views and short dwells are not taste (scrolling past is not liking). Without any positive
 * signal there is no taste (null): a feed built only from "not this" says nothing, so the user
 * keeps the cold-start trending feed.
 */
export const TASTE_WEIGHTS = { vote: 1, replay: 0.5, dwell: 0.5 } as const;
export const TASTE_HALF_LIFE_DAYS = 30;
export const LONG_DWELL_MS = 15_000;
export const FULL_DWELL_MS = 60_000;

const DAY_MS = 86_400_000;

export interface ShaderSignals {
  embedding: number[];
  vote: -1 | 0 | 1;
  votedAt: Date | null;
  replays: number;
  replayedAt: Date | null;
  dwellMs: number;
  dweltAt: Date | null;
}

const decay = (at: Date | null, now: Date): number =>
  at ? 0.5 ** (Math.max(0, now.getTime() - at.getTime()) / DAY_MS / TASTE_HALF_LIFE_DAYS) : 0;

/** The signed weight of one shader's signals (see the module comment). */
export function signalWeight(s: ShaderSignals, now: Date): number {
  const vote = TASTE_WEIGHTS.vote * s.vote * decay(s.votedAt, now);
  const replay =
    s.replays > 0 ? TASTE_WEIGHTS.replay * Math.log2(1 + s.replays) * decay(s.replayedAt, now) : 0;
  const dwell =
    s.dwellMs >= LONG_DWELL_MS
      ? TASTE_WEIGHTS.dwell * Math.min(1, s.dwellMs / FULL_DWELL_MS) * decay(s.dweltAt, now)
      : 0;
  return vote + replay + dwell;
}

function unit(v: number[]): number[] | null {
  const norm = Math.hypot(...v);
  return norm > 1e-9 ? v.map((x) => x / norm) : null;
}

/** The unit taste vector, or null when there is no positive signal (or everything cancels out). */
export function tasteVector(signals: ShaderSignals[], now = new Date()): number[] | null {
  let sum: number[] | null = null;
  let totalWeight = 0;
  let positive = false;
  for (const s of signals) {
    const w = signalWeight(s, now);
    const e = unit(s.embedding);
    if (w === 0 || !e) continue;
    if (w > 0) positive = true;
    sum ??= new Array<number>(e.length).fill(0);
    if (e.length !== sum.length) throw new Error('embeddings of different dimensions');
    for (let i = 0; i < e.length; i++) sum[i]! += w * e[i]!;
    totalWeight += Math.abs(w);
  }
  if (!sum || !positive) return null;
  return unit(sum.map((x) => x / totalWeight));
}
