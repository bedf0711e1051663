import { describe, expect, it } from 'vitest';
import { DESIRE_HEAT, desireHeat } from '../src/desires/desire-heat.ts';

const now = new Date('2025-06-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const heat = (over: Partial<Parameters<typeof desireHeat>[0]> = {}) =>
  desireHeat({ supports: 0, tipPoints: 0, clusterSize: 1, createdAt: now, now, ...over });

describe('desire heat', () => {
  it('starts a new desire with no support at 1 (the prior)', () => {
    expect(heat()).toBe(1);
  });

  it('halves every 72 hours', () => {
    expect(DESIRE_HEAT.halfLifeHours).toBe(72);
    const fresh = heat({ supports: 4, tipPoints: 20 });
    expect(heat({ supports: 4, tipPoints: 20, createdAt: hoursAgo(72) })).toBeCloseTo(fresh / 2, 12);
    expect(heat({ supports: 4, tipPoints: 20, createdAt: hoursAgo(144) })).toBeCloseTo(fresh / 4, 12);
  });

  it('grows with supports, tips and cluster size, each with diminishing returns', () => {
    expect(heat({ supports: 1 })).toBeGreaterThan(heat());
    expect(heat({ tipPoints: 10 })).toBeGreaterThan(heat());
    expect(heat({ clusterSize: 5 })).toBeGreaterThan(heat());
    const first = heat({ supports: 1 }) - heat();
    const tenth = heat({ supports: 10 }) - heat({ supports: 9 });
    expect(tenth).toBeLessThan(first / 3);
  });

  it('lets a big bounty count for about as much as a few supports, not more', () => {
    expect(heat({ tipPoints: 100 })).toBeLessThan(heat({ supports: 4 }));
    expect(heat({ tipPoints: 100 })).toBeGreaterThan(heat({ supports: 2 }));
  });

  it('lets a fresh desire overtake an old popular one', () => {
    expect(heat()).toBeGreaterThan(heat({ supports: 3, createdAt: hoursAgo(24 * 10) }));
  });

  it('ignores clock skew (a creation time in the future) and nonsense counts', () => {
    expect(heat({ createdAt: hoursAgo(-5) })).toBe(1);
    expect(heat({ supports: -3, tipPoints: -1, clusterSize: 0 })).toBe(1);
  });
});
