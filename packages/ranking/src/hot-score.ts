import { wilsonLowerBound } from './wilson.ts';

/**
 * The prior: every shader is scored as if it already had one up-vote and one down-vote. Without
 * it a shader with no votes has a Wilson bound of 0, and 0 × any decay is 0, so a brand-new shader
 * would tie with (and sort below, by id) every old unvoted one and never reach the trending feed.
 * With one pseudo-vote each way a new shader starts at wilsonLowerBound(1, 1) ≈ 0.0945 and decays
 * from there, so it outranks older zero-vote shaders (0.0473 after 48 h, 0.0236 after 96 h) yet
 * sits below anything that has real approval (one real up-vote: wilsonLowerBound(2, 1) ≈ 0.2077).
 * A symmetric prior also means a single down-vote lowers a shader (wilsonLowerBound(1, 2) ≈ 0.0615)
 * instead of leaving it tied with the unvoted.
 */
export const HOT_PRIOR = { up: 1, down: 1 } as const;

/** Hot scores halve every 48 hours after publication. */
export const HOT_HALF_LIFE_HOURS = 48;

/** Weight of each damped engagement term; small next to votes, which are the explicit signal. */
export const ENGAGEMENT_WEIGHT = 0.05;

/** Dwell up to this long per view is a glance while scrolling, not attention, and does not count. */
export const GLANCE_MS_PER_VIEW = 5_000;

const HOUR_MS = 3_600_000;

export interface HotScoreInput {
  up: number;
  down: number;
  replays: number;
  /** Total dwell time in milliseconds across all viewers. */
  dwellMs: number;
  views: number;
  /** Drafts (null) have no hot score. */
  publishedAt: Date | null;
  now: Date;
}

/**
 * hot = (wilsonLowerBound(up + 1, down + 1)
 *        + 0.05 · ln(1 + replays)
 *        + 0.05 · ln(1 + longDwellMinutes)) × 2^(−ageHours / 48)
 *
 * where longDwellMinutes = max(0, dwellMs − 5 s × views) / 60 000 (attention beyond a glance per
 * view) and ageHours = hours since publication (0 if in the future). The logarithms damp
 * engagement so that a flood of replays or an open tab cannot outweigh votes: 10 replays add
 * 0.120, 100 replays 0.231, an hour of long dwell 0.206, while 10 up-votes and no down-votes alone
 * give 0.646.
 *
 * Worked example: 3 up, 1 down, 4 replays, 10 views, 170 s of dwell, published 24 h ago:
 *   wilsonLowerBound(4, 2) = 0.3000, replays 0.05·ln 5 = 0.0805,
 *   long dwell (170 − 50) s = 2 min → 0.05·ln 3 = 0.0549; sum 0.4354 × 2^−0.5 = 0.3079.
 */
export function hotScore(input: HotScoreInput): number {
  if (!input.publishedAt) return 0;
  const votes = wilsonLowerBound(input.up + HOT_PRIOR.up, input.down + HOT_PRIOR.down);
  const longDwellMs = Math.max(0, input.dwellMs - GLANCE_MS_PER_VIEW * Math.max(0, input.views));
  const engagement =
    ENGAGEMENT_WEIGHT * Math.log1p(Math.max(0, input.replays)) +
    ENGAGEMENT_WEIGHT * Math.log1p(longDwellMs / 60_000);
  const ageHours = Math.max(0, (input.now.getTime() - input.publishedAt.getTime()) / HOUR_MS);
  return (votes + engagement) * 2 ** (-ageHours / HOT_HALF_LIFE_HOURS);
}

/**
 * The hot score of a shader published this instant with no votes or engagement yet:
 * wilsonLowerBound(1, 1) ≈ 0.0945. db/migrations/0030 sets it as the column default, so a shader
 * enters the trending feed at its fair place before its first vote or the periodic refresh.
 */
export const NEW_SHADER_HOT_SCORE = wilsonLowerBound(HOT_PRIOR.up, HOT_PRIOR.down);
