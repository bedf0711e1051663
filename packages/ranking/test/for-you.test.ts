import { describe, expect, it } from 'vitest';
import { forYouScore } from '../src/index.ts';

describe('forYouScore', () => {
  it('scores the documented worked example (similarity 0.8, hot 0.3, 24 h old)', () => {
    expect(forYouScore({ similarity: 0.8, hot: 0.3, ageHours: 24 })).toBeCloseTo(0.7866, 4);
  });

  it('lets similarity lead: a close match beats a more popular unrelated shader', () => {
    const close = forYouScore({ similarity: 0.9, hot: 0.05, ageHours: 48 });
    const popular = forYouScore({ similarity: 0.1, hot: 1.5, ageHours: 48 });
    expect(close).toBeGreaterThan(popular);
  });

  it('treats unknown and negative similarity as 0 and stays within [0, 1]', () => {
    const unknown = forYouScore({ similarity: null, hot: 0.2, ageHours: 10 });
    expect(forYouScore({ similarity: -0.7, hot: 0.2, ageHours: 10 })).toBe(unknown);
    expect(forYouScore({ similarity: Number.NaN, hot: 0.2, ageHours: 10 })).toBe(unknown);
    expect(forYouScore({ similarity: 1, hot: 1e9, ageHours: 0 })).toBeLessThanOrEqual(1);
    expect(forYouScore({ similarity: 0, hot: 0, ageHours: 1e6 })).toBeGreaterThanOrEqual(0);
  });

  it('prefers the fresher of two otherwise equal shaders', () => {
    expect(forYouScore({ similarity: 0.5, hot: 0.2, ageHours: 1 })).toBeGreaterThan(
      forYouScore({ similarity: 0.5, hot: 0.2, ageHours: 100 }),
    );
  });
});
