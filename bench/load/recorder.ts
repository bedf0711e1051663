/**
 * Outcomes of the load run, by route: latency from each request's scheduled time (so a slow
 * response also delays nothing and hides nothing), and what came back, split into ok (2xx),
 * rate-limited (429) and errors (any other status, a network error or the client's timeout).
 */
export type Outcome = { status: number; code?: string } | { failure: string };

export interface RouteStats {
  route: string;
  latenciesMs: number[];
  ok: number;
  rateLimited: number;
  errors: Map<string, number>;
}

export class LoadRecorder {
  readonly routes = new Map<string, RouteStats>();

  record(route: string, latencyMs: number, outcome: Outcome): void {
    let stats = this.routes.get(route);
    if (!stats) {
      stats = { route, latenciesMs: [], ok: 0, rateLimited: 0, errors: new Map() };
      this.routes.set(route, stats);
    }
    stats.latenciesMs.push(latencyMs);
    if ('failure' in outcome) return void bump(stats.errors, outcome.failure);
    if (outcome.status >= 200 && outcome.status < 300) stats.ok += 1;
    else if (outcome.status === 429) stats.rateLimited += 1;
    else bump(stats.errors, `${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`);
  }

  /** Every route's stats merged, for the totals line. */
  total(): RouteStats {
    const all: RouteStats = { route: 'all', latenciesMs: [], ok: 0, rateLimited: 0, errors: new Map() };
    for (const stats of this.routes.values()) {
      for (const ms of stats.latenciesMs) all.latenciesMs.push(ms);
      all.ok += stats.ok;
      all.rateLimited += stats.rateLimited;
      for (const [what, n] of stats.errors.entries()) bump(all.errors, what, n);
    }
    return all;
  }
}

function bump(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

export const errorCount = (stats: RouteStats) => [...stats.errors.values()].reduce((a, b) => a + b, 0);

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
