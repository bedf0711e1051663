import type { Desire } from '@fractafrag/contracts';

/** One line per desire, so an agent can pick one without reading the JSON. */
export function describeDesire(d: Desire): string {
  const tags = d.tags.length ? ` [${d.tags.join(', ')}]` : '';
  const bounty = d.tipTotal ? `, bounty ${d.tipTotal} points` : '';
  const fulfilled = d.fulfilledBy
    ? `, fulfilled by "${d.fulfilledBy.title}" (${d.fulfilledBy.shaderId})`
    : '';
  return `- "${d.prompt}" (id ${d.id}, ${d.status}, ${d.supportCount} supporters${bounty}${fulfilled})${tags}`;
}
