import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface PoolProbe {
  queueDepth(): number;
  warmCount(): number;
  busyCount(): number;
}

/** Renderer metrics on the service registry; gauges read the pool when scraped. */
export function createRenderMetrics(registry: Registry) {
  let pool: PoolProbe | null = null;
  const registers = [registry];
  return {
    renderDuration: new Histogram({
      name: 'renderer_render_duration_seconds',
      help: 'Time to answer POST /render (pre-check, queue and browser), by outcome',
      labelNames: ['outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13],
      registers,
    }),
    renderOutcomes: new Counter({
      name: 'renderer_render_outcomes_total',
      help: 'Renders by outcome (ok, compile_error, timeout, crashed)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    queueRejections: new Counter({
      name: 'renderer_queue_rejections_total',
      help: 'Requests refused with 503 because the queue was full',
      registers,
    }),
    gpuProcessKills: new Counter({
      name: 'renderer_gpu_process_kills_total',
      help: 'GPU processes killed to end a render past its deadline',
      registers,
    }),
    browserRestarts: new Counter({
      name: 'renderer_browser_restarts_total',
      help: 'Browsers relaunched after a crash or an unrecoverable hang',
      registers,
    }),
    queueDepth: new Gauge({
      name: 'renderer_queue_depth',
      help: 'Jobs waiting for a free browser',
      registers,
      collect() {
        this.set(pool?.queueDepth() ?? 0);
      },
    }),
    warmBrowsers: new Gauge({
      name: 'renderer_browsers_warm',
      help: 'Browsers ready to render',
      registers,
      collect() {
        this.set(pool?.warmCount() ?? 0);
      },
    }),
    busyBrowsers: new Gauge({
      name: 'renderer_browsers_busy',
      help: 'Browsers running a job',
      registers,
      collect() {
        this.set(pool?.busyCount() ?? 0);
      },
    }),
    observePool(probe: PoolProbe): void {
      pool = probe;
    },
  };
}

export type RenderMetrics = ReturnType<typeof createRenderMetrics>;
