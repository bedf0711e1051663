/**
 * How much a desire is wanted right now:
 *
 *   heat = (1 + 2·ln(1 + supports) + ln(1 + tipPoints / 5) + 0.5·ln(clusterSize)) · 0.5^(ageHours / 72)
 *
 * - The leading 1 is the prior: a brand-new desire with no support starts at heat 1, level with an
 *   older one that has decayed from a few supports, so new requests surface.
 * - Logarithms give diminishing returns: the tenth "me too" adds less than the first, and a large
 *   bounty cannot buy the top spot outright (100 points ≈ 3 supports' worth).
 * - Cluster size counts how many people independently asked for much the same thing.
 * - Half-life 72 hours: a desire's heat halves every three days unless new support arrives.
 *
 * Recomputed on create, support, unsupport and tip (API), when the worker clusters a desire (for
 * the whole cluster) and periodically by the worker (decay). The worker computes it in SQL with
 * `desire_heat()` (db/migrations/0040); the desires integration test pins the two together.
 */
export const DESIRE_HEAT = {
  halfLifeHours: 72,
  supportWeight: 2,
  tipPointsPerUnit: 5,
  clusterWeight: 0.5,
} as const;

export interface DesireHeatInput {
  supports: number;
  tipPoints: number;
  /** Desires in its cluster, itself included; 1 while unclustered. */
  clusterSize: number;
  createdAt: Date;
  now: Date;
}

export function desireHeat(input: DesireHeatInput): number {
  const supports = Math.max(input.supports, 0);
  const tipPoints = Math.max(input.tipPoints, 0);
  const clusterSize = Math.max(input.clusterSize, 1);
  const base =
    1 +
    DESIRE_HEAT.supportWeight * Math.log1p(supports) +
    Math.log1p(tipPoints / DESIRE_HEAT.tipPointsPerUnit) +
    DESIRE_HEAT.clusterWeight * Math.log(clusterSize);
  const ageHours = Math.max(input.now.getTime() - input.createdAt.getTime(), 0) / 3_600_000;
  return base * 0.5 ** (ageHours / DESIRE_HEAT.halfLifeHours);
}
