import { setTimeout as sleep } from 'node:timers/promises';

export interface OpenLoopResult {
  /** Requests started: rate × duration. */
  sent: number;
  /** performance.now() when request 0 was due. */
  startedAt: number;
  /** From the first due time until the last response (or failure) came back. */
  elapsedMs: number;
  /** How late each request left the client after its due time (the generator's own lag). */
  sendLagsMs: number[];
  /** Most requests in flight at once. */
  maxInFlight: number;
}

/**
 * Open loop at a fixed arrival rate: request i is due at start + i / rate and is started then,
 * whether or not earlier ones have returned, so a slow server meets the same arrivals a real one
 * would (no coordinated omission). `fire` gets the due time, measures latency from it, and must
 * not reject.
 */
export async function runOpenLoop(
  ratePerSecond: number,
  durationMs: number,
  fire: (i: number, dueAt: number) => Promise<void>,
): Promise<OpenLoopResult> {
  const intervalMs = 1000 / ratePerSecond;
  const total = Math.floor((ratePerSecond * durationMs) / 1000);
  const sendLagsMs: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxInFlight = 0;
  let lastDone = 0;
  const startedAt = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    // Catch up on every request that fell due while the event loop was busy.
    while (next < total && startedAt + next * intervalMs <= now) {
      const dueAt = startedAt + next * intervalMs;
      sendLagsMs.push(now - dueAt);
      const request: Promise<void> = fire(next, dueAt).finally(() => {
        inFlight.delete(request);
        lastDone = Math.max(lastDone, performance.now());
      });
      inFlight.add(request);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      next += 1;
    }
    if (next < total) await sleep(Math.max(0, startedAt + next * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  return { sent: total, startedAt, elapsedMs: lastDone - startedAt, sendLagsMs, maxInFlight };
}
