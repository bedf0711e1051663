import { describe, expect, it } from 'vitest';
import { NEW_SHADER_HOT_SCORE, hotScore, type HotScoreInput } from '../src/index.ts';

const now = new Date('2026-03-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const blank = (publishedAt: Date | null): HotScoreInput => ({
  up: 0,
  down: 0,
  replays: 0,
  dwellMs: 0,
  views: 0,
  publishedAt,
  now,
});

describe('hotScore', () => {
  it('scores the documented worked example (3 up, 1 down, 4 replays, 170 s dwell over 10 views, 24 h old)', () => {
    const score = hotScore({
      up: 3,
      down: 1,
      replays: 4,
      views: 10,
      dwellMs: 170_000,
      publishedAt: hoursAgo(24),
      now,
    });
    expect(score).toBeCloseTo(0.3079, 4);
  });

  it('gives a brand-new unvoted shader the prior score wilsonLowerBound(1, 1) ≈ 0.0945', () => {
    expect(hotScore(blank(now))).toBeCloseTo(0.0945, 4);
    expect(hotScore(blank(now))).toBe(NEW_SHADER_HOT_SCORE);
  });

  it('ranks a brand-new unvoted shader above older unvoted ones', () => {
    const fresh = hotScore(blank(now));
    expect(fresh).toBeGreaterThan(hotScore(blank(hoursAgo(1))));
    expect(fresh).toBeGreaterThan(hotScore(blank(hoursAgo(48 * 10))));
  });

  it('halves every 48 hours', () => {
    const input = { ...blank(hoursAgo(0)), up: 7, down: 2, replays: 3 };
    const at0 = hotScore(input);
    expect(hotScore({ ...input, publishedAt: hoursAgo(48) })).toBeCloseTo(at0 / 2, 10);
    expect(hotScore({ ...input, publishedAt: hoursAgo(96) })).toBeCloseTo(at0 / 4, 10);
  });

  it('rises with an up-vote and falls with a down-vote', () => {
    const base = hotScore(blank(now));
    expect(hotScore({ ...blank(now), up: 1 })).toBeCloseTo(0.2077, 4);
    expect(hotScore({ ...blank(now), down: 1 })).toBeCloseTo(0.0615, 4);
    expect(hotScore({ ...blank(now), down: 1 })).toBeLessThan(base);
  });

  it('damps engagement logarithmically so votes stay the stronger signal', () => {
    const tenReplays = hotScore({ ...blank(now), replays: 10 }) - NEW_SHADER_HOT_SCORE;
    const hundredReplays = hotScore({ ...blank(now), replays: 100 }) - NEW_SHADER_HOT_SCORE;
    expect(tenReplays).toBeCloseTo(0.1199, 4);
    expect(hundredReplays).toBeCloseTo(0.2308, 4);
    const tenUpVotes = hotScore({ ...blank(now), up: 10 });
    expect(tenUpVotes).toBeCloseTo(0.6461, 4);
    expect(tenUpVotes).toBeGreaterThan(hotScore({ ...blank(now), replays: 100 }));
  });

  it('counts only dwell beyond a 5 s glance per view', () => {
    const glances = hotScore({ ...blank(now), views: 10, dwellMs: 40_000 });
    expect(glances).toBe(NEW_SHADER_HOT_SCORE);
    const anHourOfAttention = hotScore({ ...blank(now), views: 1, dwellMs: 3_605_000 });
    expect(anHourOfAttention - NEW_SHADER_HOT_SCORE).toBeCloseTo(0.2055, 4);
  });

  it('is 0 for a draft and does not grow for a publication date in the future', () => {
    expect(hotScore(blank(null))).toBe(0);
    expect(hotScore(blank(hoursAgo(-5)))).toBe(NEW_SHADER_HOT_SCORE);
  });
});
