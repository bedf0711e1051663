import { describe, expect, it } from 'vitest';
import { wilsonLowerBound } from '../src/index.ts';

describe('wilsonLowerBound', () => {
  it('is 0 without votes', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });

  it('matches worked values at z = 1.96', () => {
    expect(wilsonLowerBound(1, 0)).toBeCloseTo(0.2065, 4);
    expect(wilsonLowerBound(10, 0)).toBeCloseTo(0.7225, 4);
    expect(wilsonLowerBound(100, 0)).toBeCloseTo(0.963, 4);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.0945, 4);
    expect(wilsonLowerBound(4, 2)).toBeCloseTo(0.3, 4);
  });

  it('rewards more evidence at the same ratio', () => {
    expect(wilsonLowerBound(50, 10)).toBeGreaterThan(wilsonLowerBound(5, 1));
  });

  it('falls with down-votes and stays within [0, 1]', () => {
    expect(wilsonLowerBound(10, 5)).toBeLessThan(wilsonLowerBound(10, 0));
    expect(wilsonLowerBound(0, 1000)).toBeGreaterThanOrEqual(0);
    expect(wilsonLowerBound(1e6, 0)).toBeLessThanOrEqual(1);
  });

  it('widens the interval with a larger z', () => {
    expect(wilsonLowerBound(10, 2, 2.58)).toBeLessThan(wilsonLowerBound(10, 2, 1.96));
  });
});
