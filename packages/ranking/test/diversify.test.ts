import { describe, expect, it } from 'vitest';
import { diversify } from '../src/index.ts';

const byAuthor = (s: string) => s[0]!;
const adjacentRepeats = (list: string[]) =>
  list.filter((x, i) => i > 0 && byAuthor(x) === byAuthor(list[i - 1]!)).length;

/** Whether any order of the items has no two neighbours by the same author (brute force). */
function arrangeable(items: string[]): boolean {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(byAuthor(i), (counts.get(byAuthor(i)) ?? 0) + 1);
  const search = (prev: string | undefined, left: number): boolean => {
    if (left === 0) return true;
    for (const [k, c] of counts.entries()) {
      if (c === 0 || k === prev) continue;
      counts.set(k, c - 1);
      const ok = search(k, left - 1);
      counts.set(k, c);
      if (ok) return true;
    }
    return false;
  };
  return search(undefined, items.length);
}

/** Small deterministic PRNG so the property test is reproducible. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('diversify', () => {
  it('moves the next different author up between two by the same author', () => {
    expect(diversify(['a1', 'a2', 'b1', 'c1'], byAuthor)).toEqual(['a1', 'b1', 'a2', 'c1']);
  });

  it('returns a list without neighbouring duplicates unchanged', () => {
    const list = ['a1', 'b1', 'a2', 'c1', 'b2'];
    expect(diversify(list, byAuthor)).toEqual(list);
  });

  it('looks ahead where plain greedy would end with a repeat (B B A A A → A B A B A)', () => {
    expect(diversify(['b1', 'b2', 'a1', 'a2', 'a3'], byAuthor)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('keeps separating while it can when one author dominates, repeating only at the tail', () => {
    expect(diversify(['a1', 'a2', 'a3', 'a4', 'b1'], byAuthor)).toEqual(['a1', 'b1', 'a2', 'a3', 'a4']);
  });

  it('handles empty and single-item lists', () => {
    expect(diversify([], byAuthor)).toEqual([]);
    expect(diversify(['a1'], byAuthor)).toEqual(['a1']);
  });

  it('never puts the same author twice in a row when some order avoids it (400 random lists)', () => {
    const random = mulberry32(42);
    for (let run = 0; run < 400; run++) {
      const n = 1 + Math.floor(random() * 9);
      const authors = 1 + Math.floor(random() * 4);
      const items = Array.from({ length: n }, (_, i) => `${'abcd'[Math.floor(random() * authors)]}${i}`);
      const out = diversify(items, byAuthor);
      expect([...out].sort()).toEqual([...items].sort());
      if (arrangeable(items)) expect(adjacentRepeats(out), items.join(',')).toBe(0);
    }
  });
});
