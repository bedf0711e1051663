import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../src/index.ts';

describe('reciprocalRankFusion', () => {
  it('scores 1 / (60 + rank) summed over the lists (worked numbers)', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'd'],
    ]);
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
    expect(fused[3]!.score).toBeCloseTo(1 / 63, 12);
  });

  it('ranks an id that is second in both lists above one that tops only one', () => {
    const fused = reciprocalRankFusion([
      ['x', 'both'],
      ['y', 'both'],
    ]);
    expect(fused[0]!.id).toBe('both');
  });

  it('returns nothing for no lists or empty lists, and one list unchanged', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
    expect(reciprocalRankFusion([['p', 'q', 'r']]).map((f) => f.id)).toEqual(['p', 'q', 'r']);
  });

  it('counts an id repeated within one list once, at its best rank', () => {
    const fused = reciprocalRankFusion([['a', 'a', 'b']]);
    expect(fused).toEqual([
      { id: 'a', score: 1 / 61 },
      { id: 'b', score: 1 / 63 },
    ]);
  });
});
