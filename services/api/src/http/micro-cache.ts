/**
 * A tiny in-process cache of serialised JSON replies for hot anonymous reads (trending, top):
 * a few seconds of staleness is invisible there and saves a query and a serialisation per request.
 * Bounded in entries; the oldest entry goes first.
 */
export class MicroCache {
  private readonly entries = new Map<string, { expires: number; json: string }>();
  private readonly maxEntries: number;

  constructor(maxEntries = 500) {
    this.maxEntries = maxEntries;
  }

  get(key: string, now = Date.now()): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.json;
  }

  set(key: string, json: string, ttlMs: number, now = Date.now()): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { expires: now + ttlMs, json });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
