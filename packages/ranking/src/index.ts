/**
 * Fractafrag's ranking: pure functions, no I/O. The API calls them inside its vote and engagement
 * transactions and the worker in its periodic refresh (`@fractafrag/ranking/refresh`), so a score
 * is computed the same way wherever it is written.
 */
export { wilsonLowerBound } from './wilson.ts';
export {
  ENGAGEMENT_WEIGHT,
  GLANCE_MS_PER_VIEW,
  HOT_HALF_LIFE_HOURS,
  HOT_PRIOR,
  NEW_SHADER_HOT_SCORE,
  hotScore,
  type HotScoreInput,
} from './hot-score.ts';
export {
  FOR_YOU_FRESHNESS_HALF_LIFE_HOURS,
  FOR_YOU_HOT_MIDPOINT,
  FOR_YOU_WEIGHTS,
  forYouScore,
  type ForYouInput,
} from './for-you.ts';
export { diversify } from './diversify.ts';
export { RRF_K, reciprocalRankFusion } from './fusion.ts';
