/** Prints the load run's tables. */
import type { OpenLoopResult } from './open-loop.ts';
import type { QueueSample, ThumbnailLag } from './queue-watch.ts';
import { errorCount, percentile, type LoadRecorder, type RouteStats } from './recorder.ts';
import { ANONYMOUS, type RateClass } from './traffic-mix.ts';

const ms = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0));
const col = (v: string | number, width: number) => String(v).padStart(width);

function routeRow(stats: RouteStats, healthP50: number): string {
  const p50 = percentile(stats.latenciesMs, 50);
  return [
    stats.route.padEnd(38),
    col(stats.latenciesMs.length, 6),
    col(stats.ok, 6),
    col(stats.rateLimited, 5),
    col(errorCount(stats), 5),
    col(ms(p50), 8),
    col(ms(percentile(stats.latenciesMs, 99)), 8),
    col(ms(percentile(stats.latenciesMs, 100)), 8),
    col(`${(p50 / healthP50).toFixed(1)}×`, 9),
  ].join(' ');
}

export function printRoutes(mix: LoadRecorder, baseline: RouteStats, probe: RouteStats | undefined): void {
  const healthP50 = percentile(baseline.latenciesMs, 50);
  console.log(
    `\n${'route (latency from the scheduled time)'.padEnd(38)} ${col('n', 6)} ${col('ok', 6)} ${col('429', 5)} ${col('err', 5)} ${col('p50 ms', 8)} ${col('p99 ms', 8)} ${col('max ms', 8)} ${col('p50/base', 9)}`,
  );
  const routes = [...mix.routes.values()].sort((a, b) => a.route.localeCompare(b.route));
  for (const stats of routes) console.log(routeRow(stats, healthP50));
  console.log(routeRow({ ...mix.total(), route: 'all mixed traffic' }, healthP50));
  console.log(routeRow({ ...baseline, route: 'baseline: nginx GET /health, same rate' }, healthP50));
  if (probe) console.log(routeRow({ ...probe, route: 'probe: GET /health during the mix' }, healthP50));
}

export function printTotals(mix: LoadRecorder, run: OpenLoopResult, targetRate: number): void {
  const total = mix.total();
  const n = total.latenciesMs.length;
  const errors = errorCount(total);
  const seen = [...total.errors.entries()].map(([what, k]) => `${what} ×${k}`).join(', ');
  console.log(
    `\ntotal requests ${n}; errors ${errors} (${((100 * errors) / n).toFixed(2)} %)${seen ? `: ${seen}` : ''}; ` +
      `rate-limited (429) ${total.rateLimited} (${((100 * total.rateLimited) / n).toFixed(2)} %)`,
  );
  const seconds = run.elapsedMs / 1000;
  console.log(
    `rate: target ${targetRate}/s; sent ${run.sent} on schedule (generator lag p99 ${ms(percentile(run.sendLagsMs, 99))} ms, ` +
      `max ${ms(percentile(run.sendLagsMs, 100))} ms); answered ${n} in ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(1)}/s ` +
      `(${((100 * n) / seconds / targetRate).toFixed(0)} % of target); at most ${run.maxInFlight} in flight`,
  );
}

export function printQueue(
  lag: ThumbnailLag,
  submissions: number,
  samples: QueueSample[],
  run: { seconds: number; submissionShare: number },
): void {
  if (submissions === 0)
    console.log('\nqueue lag: no submission was accepted (the mix has none, or all failed)');
  else printLag(lag, submissions, run);
  printQueueSeries(samples, run.seconds);
}

function printLag(lag: ThumbnailLag, submissions: number, run: { seconds: number; submissionShare: number }) {
  console.log(
    `\nqueue lag, 201 → thumbnail recorded: ${submissions} submissions, ${lag.lagsMs.length} ready, ${lag.failed} failed, ${lag.pending} still pending; ` +
      `p50 ${ms(percentile(lag.lagsMs, 50))} ms, p99 ${ms(percentile(lag.lagsMs, 99))} ms, max ${ms(percentile(lag.lagsMs, 100))} ms; ` +
      `backlog drained ${(lag.drainedAfterMs / 1000).toFixed(1)} s after the traffic stopped`,
  );
  const submitted = `${(submissions / run.seconds).toFixed(2)} submitted/s`;
  // Without a backlog the thumbnails merely kept pace with the submissions: that is no capacity.
  console.log(
    lag.drainedAfterMs < 1000
      ? `render throughput kept pace with ${submitted} (no backlog when the traffic stopped): capacity not reached at this rate`
      : `render throughput ${lag.renderedPerSecond.toFixed(2)} thumbnails/s vs ${submitted}: ` +
          `the queue keeps up with this mix up to ≈ ${(lag.renderedPerSecond / run.submissionShare).toFixed(0)} req/s`,
  );
}

function printQueueSeries(samples: QueueSample[], trafficSeconds: number): void {
  if (samples.length === 0) {
    console.log('render queue over time: the worker /metrics had no worker_queue_depth (skipped)');
    return;
  }
  const hasAge = samples.some((s) => s.oldestAgeS !== undefined);
  console.log(
    `render queue over time (worker /metrics${hasAge ? '' : '; worker_queue_oldest_job_age_seconds not exported'}):`,
  );
  console.log(
    `${col('t s', 6)} ${col('waiting', 8)} ${col('extras', 7)} ${col('active', 7)}${hasAge ? ` ${col('oldest s', 9)}` : ''}`,
  );
  // One row per 10 s of the series, plus the last sample.
  let nextT = 0;
  let endMarked = false;
  samples.forEach((s, k) => {
    if (s.t < nextT && k !== samples.length - 1) return;
    nextT = Math.floor(s.t / 10) * 10 + 10;
    const age = s.oldestAgeS === undefined ? '-' : s.oldestAgeS.toFixed(1);
    const mark = !endMarked && s.t >= trafficSeconds ? '   ← traffic stopped' : '';
    endMarked ||= mark !== '';
    console.log(
      `${col(s.t.toFixed(0), 6)} ${col(s.waiting, 8)} ${col(s.extras, 7)} ${col(s.active, 7)}${hasAge ? ` ${col(age, 9)}` : ''}${mark}`,
    );
  });
  const maxAge = Math.max(...samples.map((s) => s.oldestAgeS ?? 0));
  console.log(
    `max waiting ${Math.max(...samples.map((s) => s.waiting))}${hasAge ? `, max oldest waiting job ${maxAge.toFixed(1)} s` : ''}`,
  );
}

/**
 * The busiest signed-in user per rate-limit class, and the one anonymous IP, against the limits the
 * API reported (X-RateLimit-Limit, already multiplied by RATE_LIMIT_SCALE).
 */
export function printRateLimitHeadroom(
  identityCounts: Map<string, number>,
  limits: Map<RateClass, number>,
  runSeconds: number,
  scale: number,
): void {
  const busiest = new Map<RateClass, number>();
  let anonymous = 0;
  for (const [key, n] of identityCounts.entries()) {
    const [cls, identity] = key.split('\t') as [RateClass, string];
    if (identity === ANONYMOUS) anonymous = n;
    else busiest.set(cls, Math.max(busiest.get(cls) ?? 0, n));
  }
  const limit = (cls: RateClass) => {
    const scaled = limits.get(cls);
    return scaled === undefined ? '?' : `${scaled} (${Math.round(scaled / scale)} unscaled)`;
  };
  const parts = (['read', 'write', 'publish'] as const).map(
    (cls) => `${cls} ${busiest.get(cls) ?? 0} vs limit ${limit(cls)}`,
  );
  console.log(
    `
rate limits (RATE_LIMIT_SCALE=${scale}; windows: read and write 1 min, publish 1 h): in ${runSeconds} s the busiest ` +
      `signed-in user sent ${parts.join(', ')}; anonymous reads, all from this one IP: ${anonymous} vs limit ${limit('read')}`,
  );
}
