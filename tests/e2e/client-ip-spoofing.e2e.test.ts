import { describe, expect, it } from 'vitest';
import { BASE_URL } from './stack.ts';

/**
 * nginx is the edge: the address the API rate-limits by is the one nginx saw, whatever
 * X-Forwarded-For the client sends. Otherwise every request could claim a fresh IP and a fresh
 * bucket, and the per-IP limits on login and registration would mean nothing.
 */
async function remainingReads(headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${BASE_URL}/api/v1/feed/new?limit=1`, { headers });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return Number(res.headers.get('x-ratelimit-remaining'));
}

describe('client address through nginx', () => {
  it('a forged X-Forwarded-For does not buy a fresh rate-limit bucket', async () => {
    const before = await remainingReads();
    const forged = [];
    for (const ip of ['203.0.113.77', '198.51.100.1, 203.0.113.9', 'not-an-ip'])
      forged.push(await remainingReads({ 'x-forwarded-for': ip, 'x-real-ip': ip }));
    const after = await remainingReads();
    // One bucket: every request, forged or not, counted against it (other files may add to it too).
    expect(forged[0]).toBeLessThan(before);
    expect(forged[1]).toBeLessThan(forged[0]!);
    expect(forged[2]).toBeLessThan(forged[1]!);
    expect(after).toBeLessThan(forged[2]!);
  });
});
