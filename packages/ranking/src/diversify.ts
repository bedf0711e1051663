/**
 * Reorders a ranked list so that no two neighbours share a key (an author) whenever some
 * arrangement allows it, while staying as close to the ranking as possible.
 *
 * At each position it takes the best-ranked remaining item whose key differs from the previous
 * one AND leaves a remainder that can still be arranged. A remainder of m items that must not
 * start with key L can be arranged iff every key occurs at most ⌈m/2⌉ times and L at most ⌊m/2⌋
 * times; checking this is what stops plain greedy from painting itself into a corner (ranked
 * B, B, A, A, A: greedy gives B A B A A, this gives A B A B A). When no arrangement exists (one
 * author has most of the list) it still separates as long as other authors remain, and only the
 * tail repeats. Stable: a list without neighbouring duplicates comes back unchanged. O(n²).
 */
export function diversify<T>(items: readonly T[], key: (item: T) => string): T[] {
  const remaining = items.map((item) => ({ item, key: key(item) }));
  const counts = new Map<string, number>();
  for (const { key: k } of remaining) counts.set(k, (counts.get(k) ?? 0) + 1);

  const result: T[] = [];
  let previous: string | undefined;
  while (remaining.length > 0) {
    const left = remaining.length - 1; // items still to place after this pick
    const { topKey, top, second } = topTwo(counts);

    let pick = -1;
    let firstDifferent = -1;
    for (let i = 0; i < remaining.length; i++) {
      const k = remaining[i]!.key;
      if (k === previous) continue;
      if (firstDifferent < 0) firstDifferent = i;
      const ownLeft = counts.get(k)! - 1;
      const othersMax = k === topKey ? second : top;
      if (ownLeft <= Math.floor(left / 2) && othersMax <= Math.ceil(left / 2)) {
        pick = i;
        break;
      }
    }
    if (pick < 0) pick = firstDifferent >= 0 ? firstDifferent : 0;

    const [chosen] = remaining.splice(pick, 1);
    const count = counts.get(chosen!.key)! - 1;
    if (count === 0) counts.delete(chosen!.key);
    else counts.set(chosen!.key, count);
    result.push(chosen!.item);
    previous = chosen!.key;
  }
  return result;
}

function topTwo(counts: Map<string, number>): { topKey: string | undefined; top: number; second: number } {
  let topKey: string | undefined;
  let top = 0;
  let second = 0;
  for (const [k, c] of counts.entries()) {
    if (c > top) {
      second = top;
      top = c;
      topKey = k;
    } else if (c > second) {
      second = c;
    }
  }
  return { topKey, top, second };
}
