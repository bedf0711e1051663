import type { RenderFailure } from '@fractafrag/contracts';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PageTimings } from './page-protocol.ts';

export interface PoolProbe {
  readonly size: number;
  queueDepth(): number;
  warmCount(): number;
  busyCount(): number;
}

type Rendered = { outcome: 'ok'; timings: PageTimings } | RenderFailure;

/** Renderer metrics on the service registry; gauges read the pool when scraped. */
export function createRenderMetrics(registry: Registry) {
  let pool: PoolProbe | null = null;
  const registers = [registry];
  const renderDuration = new Histogram({
    name: 'renderer_render_duration_seconds',
    help: 'Time to answer POST /render (pre-check, queue and browser), by outcome and artifact kind',
    labelNames: ['outcome', 'kind'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13],
    registers,
  });
  const renderOutcomes = new Counter({
    name: 'renderer_render_outcomes_total',
    help: 'Renders by outcome (ok, compile_error, timeout, crashed)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const pagePhase = new Histogram({
    name: 'renderer_page_phase_seconds',
    help: "The render page's own time per phase of a successful render: compile, draw, encode",
    labelNames: ['phase'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers,
  });
  return {
    renderDuration,
    renderOutcomes,
    pagePhase,
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
    recovery: new Histogram({
      name: 'renderer_recovery_seconds',
      help: 'From a timeout or crash until the browser renders again, by how (page_reset, browser_relaunch)',
      labelNames: ['how'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
      registers,
    }),
    webglInfo: new Gauge({
      name: 'renderer_webgl_info',
      help: 'What the start-up check found: UNMASKED_RENDERER_WEBGL and the configured backend (always 1)',
      labelNames: ['renderer', 'backend'] as const,
      registers,
    }),
    poolSize: new Gauge({
      name: 'renderer_pool_size',
      help: 'Browsers in the pool (configured)',
      registers,
      collect() {
        this.set(pool?.size ?? 0);
      },
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
    observeRender(kind: string, result: Rendered, seconds: number): void {
      renderOutcomes.inc({ outcome: result.outcome });
      renderDuration.observe({ outcome: result.outcome, kind }, seconds);
      if (result.outcome !== 'ok') return;
      pagePhase.observe({ phase: 'compile' }, result.timings.compileMs / 1000);
      pagePhase.observe({ phase: 'draw' }, result.timings.drawMs / 1000);
      pagePhase.observe({ phase: 'encode' }, result.timings.encodeMs / 1000);
    },
  };
}

export type RenderMetrics = ReturnType<typeof createRenderMetrics>;
