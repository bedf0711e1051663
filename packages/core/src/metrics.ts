import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per service process, with default process metrics and an HTTP latency histogram. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** What a pg.Pool exposes about its connections (structural, so core needs no pg dependency). */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number };
}

/** Database pool use, read at scrape time: connections open, idle, in use, and callers waiting. */
export function trackDbPool(metrics: Metrics, pool: PoolStats): void {
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state (in_use = total - idle; max is the configured ceiling)',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'max' }, pool.options.max ?? 10);
    },
  });
  new Gauge({
    name: 'db_pool_waiting_clients',
    help: 'Queries waiting for a free database connection',
    registers: [metrics.registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
}
