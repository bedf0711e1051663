/**
 * The render queue during the load run: its depth (and the oldest waiting job's age, when the
 * worker exports it) sampled from the worker's /metrics, and, per submission, the time from the
 * 201 until its thumbnail was recorded.
 */
import type pg from 'pg';

export interface QueueSample {
  /** Seconds since the mix started. */
  t: number;
  waiting: number;
  /** Posters and previews waiting behind the thumbnails (BullMQ's prioritized state). */
  extras: number;
  active: number;
  /** worker_queue_oldest_job_age_seconds for the render queue; undefined when not exported. */
  oldestAgeS: number | undefined;
}

const SAMPLE = /^(\w+)(?:\{([^}]*)\})?\s+(\S+)$/;
const LABEL = /(\w+)="([^"]*)"/g;

/** The render queue's numbers from one Prometheus text exposition; undefined when absent. */
export function renderQueueFromMetrics(text: string): Omit<QueueSample, 't'> | undefined {
  const depth: Record<string, number> = {};
  let oldestAgeS: number | undefined;
  let seen = false;
  for (const line of text.split('\n')) {
    const m = SAMPLE.exec(line.trim());
    if (!m) continue;
    const [, name, labelText = '', value] = m;
    const labels: Record<string, string> = Object.fromEntries(
      [...labelText.matchAll(LABEL)].map((l) => [l[1]!, l[2]!]),
    );
    if (labels.queue !== undefined && labels.queue !== 'render') continue;
    if (name === 'worker_queue_depth' && labels.state) {
      depth[labels.state] = Number(value);
      seen = true;
    } else if (name === 'worker_queue_oldest_job_age_seconds') {
      oldestAgeS = Number(value);
    }
  }
  if (!seen) return undefined;
  return {
    waiting: depth.waiting ?? 0,
    extras: depth.prioritized ?? 0,
    active: depth.active ?? 0,
    oldestAgeS,
  };
}

/** Samples the worker's /metrics every `intervalMs` until stopped; a failed scrape is skipped. */
export function watchRenderQueue(metricsUrl: string, intervalMs: number) {
  const samples: QueueSample[] = [];
  const startedAt = performance.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const due = performance.now() + intervalMs;
      try {
        const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(intervalMs * 5) });
        const sample = res.ok ? renderQueueFromMetrics(await res.text()) : undefined;
        if (sample) samples.push({ t: (performance.now() - startedAt) / 1000, ...sample });
      } catch {
        // The worker is busy or restarting: a gap in the series, not a failed benchmark.
      }
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
  })();
  return {
    samples,
    async stop(): Promise<QueueSample[]> {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

export interface ThumbnailLag {
  lagsMs: number[];
  failed: number;
  /** Still without a thumbnail when the deadline passed. */
  pending: number;
  /** From the end of the traffic until the last thumbnail (or the deadline). */
  drainedAfterMs: number;
  /** Thumbnails recorded per second, from the first 201 until the last thumbnail. */
  renderedPerSecond: number;
}

/**
 * Waits (polling one SQL query) until every submission is rendered or failed, then reads when each
 * thumbnail was recorded. Polling the database, not the API, keeps this out of the measured traffic.
 */
export async function thumbnailLag(
  db: pg.Client,
  submissions: { id: string; acceptedAt: number }[],
  trafficEndedAt: number,
  timeoutMs: number,
): Promise<ThumbnailLag> {
  const ids = submissions.map((s) => s.id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ busy: number }>(
      `SELECT count(*)::int AS busy FROM shaders WHERE id = ANY($1) AND render_state IN ('queued', 'rendering')`,
      [ids],
    );
    if (rows[0]!.busy === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const { rows } = await db.query<{ id: string; state: string; ready_at: number | null }>(
    `SELECT s.id, s.render_state::text AS state, (extract(epoch FROM r.created_at) * 1000)::float8 AS ready_at
     FROM shaders s
     LEFT JOIN renders r ON r.shader_id = s.id AND r.version = s.current_version AND r.kind = 'thumbnail'
     WHERE s.id = ANY($1)`,
    [ids],
  );
  const acceptedAt = new Map(submissions.map((s) => [s.id, s.acceptedAt]));
  const lagsMs: number[] = [];
  let failed = 0;
  let pending = 0;
  let lastReady = trafficEndedAt;
  for (const row of rows) {
    if (row.state === 'failed') failed += 1;
    else if (row.ready_at === null) pending += 1;
    else {
      // Both clocks are this machine's; a thumbnail recorded before the 201 arrived counts as 0.
      lagsMs.push(Math.max(0, row.ready_at - acceptedAt.get(row.id)!));
      lastReady = Math.max(lastReady, row.ready_at);
    }
  }
  const firstAccepted = submissions.reduce((min, s) => Math.min(min, s.acceptedAt), Infinity);
  return {
    lagsMs,
    failed,
    pending,
    drainedAfterMs: (pending ? Date.now() : lastReady) - trafficEndedAt,
    renderedPerSecond: (1000 * lagsMs.length) / Math.max(1, lastReady - firstAccepted),
  };
}
