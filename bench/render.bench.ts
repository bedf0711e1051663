/**
 * Renderer benchmark (not part of the test run):   pnpm bench:render [--rasteriser]
 *
 * The standard mix (bench/render/shader-mix.ts) at 640x360, measured in one run two ways:
 *   naive    a fresh browser per thumbnail (launch, minimal WebGL2 page, draw, screenshot, close);
 *   renderer our service (spawned as in production) with a warm pool of `cores` browsers.
 * Every request carries a distinct source, so both compile every time. Prints median latency (one
 * request at a time), thumbnails/s (2 x cores requests in flight, for both), the time beyond the shader's own
 * compile + draw as reported by each page, peak RSS of each side's processes, the ratios, and how
 * long a hung shader keeps a one-browser renderer from serving. --rasteriser adds SwiftShader vs
 * Mesa llvmpipe (compile, draw, pixel equality, loop cut-off).
 */
import os from 'node:os';
import { startRenderer } from '../tests/support/renderer-process.ts';
import { renderNaive } from './render/naive-baseline.ts';
import { sampleRss } from './render/process-tree.ts';
import { compareRasterisers, printRasteriserReport } from './render/rasteriser.ts';
import {
  median,
  renderThroughService,
  runConcurrently,
  uniqueCode,
  type RendererThumbnail,
} from './render/renderer-client.ts';
import { ENDLESS_LOOP, SHADER_MIX, type MixShader } from './render/shader-mix.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZE = { width: 640, height: 360, time: 2 };
const CORES = os.availableParallelism();
/** Requests in flight for thumbnails/s: enough that one request's pre-check overlaps another's draw. */
const CONCURRENCY = 2 * CORES;
const NAIVE_LATENCY_RUNS = Number(process.env.BENCH_NAIVE_LATENCY_RUNS ?? 3);
const NAIVE_THROUGHPUT_RUNS = Number(process.env.BENCH_NAIVE_THROUGHPUT_RUNS ?? 8);
const OURS_LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 15);
const OURS_THROUGHPUT_RUNS = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 40);
const HUNG_TRIALS = Number(process.env.BENCH_HUNG_TRIALS ?? 3);
const DEADLINE_MS = 5000;

interface Measured {
  /** Per request: total minus the page's compile and draw. */
  overheads: number[];
  medianMs: number;
  compileMs: number;
  drawMs: number;
  overheadMs: number;
  perSecond: number;
  thumbnails: number;
  wallMs: number;
}

type Sample = Pick<RendererThumbnail, 'totalMs' | 'compileMs' | 'drawMs'>;
let serial = 0;

async function measure(
  shader: MixShader,
  render: (code: string) => Promise<Sample>,
  latencyRuns: number,
  throughputRuns: number,
  sameSource = false,
): Promise<Measured> {
  const codeFor = () => (sameSource ? shader.code : uniqueCode(shader.code, serial++));
  const latency: Sample[] = [];
  for (let i = 0; i < latencyRuns; i++) latency.push(await render(codeFor()));
  const jobs = Array.from({ length: throughputRuns }, () => {
    const code = codeFor();
    return () => render(code);
  });
  const { wallMs } = await runConcurrently(jobs, CONCURRENCY);
  const overheads = latency.map((s) => s.totalMs - s.compileMs - s.drawMs);
  return {
    overheads,
    medianMs: median(latency.map((s) => s.totalMs)),
    compileMs: median(latency.map((s) => s.compileMs)),
    drawMs: median(latency.map((s) => s.drawMs)),
    overheadMs: median(overheads),
    perSecond: (throughputRuns * 1000) / wallMs,
    thumbnails: throughputRuns,
    wallMs,
  };
}

async function ourRender(url: string, code: string): Promise<Sample> {
  const result = await renderThroughService(url, code, SIZE);
  if (result.status !== 200)
    throw new Error(`render failed with ${result.status}: ${result.image.toString()}`);
  return result;
}

/** Time a one-browser renderer is kept from serving by an endless loop: hung reply, then a good one. */
async function hungRecovery(): Promise<{ timeoutMs: number[]; servingAgainMs: number[] }> {
  const renderer = await startRenderer({
    RENDERER_POOL_SIZE: '1',
    RENDER_TIMEOUT_MS: String(DEADLINE_MS),
    LOG_LEVEL: 'error',
  });
  const timeoutMs: number[] = [];
  const servingAgainMs: number[] = [];
  try {
    for (let i = 0; i < HUNG_TRIALS; i++) {
      const started = performance.now();
      const hung = await renderThroughService(renderer.url, ENDLESS_LOOP, SIZE);
      if (hung.status !== 504) throw new Error(`the endless loop answered ${hung.status}`);
      timeoutMs.push(performance.now() - started);
      await ourRender(renderer.url, uniqueCode(SHADER_MIX[0]!.code, serial++));
      servingAgainMs.push(performance.now() - started);
    }
  } finally {
    await renderer.stop();
  }
  return { timeoutMs, servingAgainMs };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fixed = (n: number, digits = 0) => n.toFixed(digits);
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;

function printTable(
  naive: Map<string, Measured>,
  ours: Map<string, Measured>,
  rss: { naive: number; ours: number },
) {
  const rows = [
    [
      'shader',
      'naive ms',
      'ours ms',
      'latency',
      'naive/s',
      'ours/s',
      'throughput',
      'naive over',
      'ours over',
      'ours compile',
      'ours draw',
    ],
  ];
  const total = { naive: { n: 0, ms: 0 }, ours: { n: 0, ms: 0 } };
  for (const { name } of SHADER_MIX) {
    const a = naive.get(name)!;
    const b = ours.get(name)!;
    total.naive.n += a.thumbnails;
    total.naive.ms += a.wallMs;
    total.ours.n += b.thumbnails;
    total.ours.ms += b.wallMs;
    rows.push([
      name,
      fixed(a.medianMs),
      fixed(b.medianMs),
      ratio(a.medianMs, b.medianMs),
      fixed(a.perSecond, 2),
      fixed(b.perSecond, 2),
      ratio(b.perSecond, a.perSecond),
      fixed(a.overheadMs),
      fixed(b.overheadMs, 1),
      fixed(b.compileMs, 1),
      fixed(b.drawMs, 1),
    ]);
  }
  const naiveMix = (total.naive.n * 1000) / total.naive.ms;
  const oursMix = (total.ours.n * 1000) / total.ours.ms;
  rows.push([
    'whole mix',
    '',
    '',
    '',
    fixed(naiveMix, 2),
    fixed(oursMix, 2),
    ratio(oursMix, naiveMix),
    '',
    '',
    '',
    '',
  ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
  console.log(
    `peak RSS: naive ${mb(rss.naive)} (its browsers), ours ${mb(rss.ours)} (service + ${CORES} browsers)`,
  );
  return { naiveMix, oursMix };
}

console.log(`fractafrag renderer benchmark: ${SHADER_MIX.length} shaders at 640x360, t = 2 s`);
const load = () => os.loadavg()[0]!.toFixed(1);
console.log(
  `machine: ${CORES} cores, load ${load()}; pool of ${CORES}; ${CONCURRENCY} requests in flight for thumbnails/s\n`,
);

const naive = new Map<string, Measured>();
const naiveRss = sampleRss(process.pid, false);
for (const shader of SHADER_MIX) {
  naive.set(
    shader.name,
    await measure(
      shader,
      (code) => renderNaive(CHROMIUM, code, SIZE),
      NAIVE_LATENCY_RUNS,
      NAIVE_THROUGHPUT_RUNS,
    ),
  );
  console.log(`naive: ${shader.name} done`);
}
const naivePeak = await naiveRss.stop();

const renderer = await startRenderer({ RENDERER_POOL_SIZE: String(CORES), LOG_LEVEL: 'error' });
const ours = new Map<string, Measured>();
let repeated: Measured;
let oursPeak = 0;
try {
  const oursRss = sampleRss(renderer.child.pid!, true);
  // A warm pool is the point of the service: its first compile per browser is not counted.
  await runConcurrently(
    Array.from(
      { length: CONCURRENCY },
      (_, i) => () => ourRender(renderer.url, uniqueCode(SHADER_MIX[0]!.code, 1_000_000 + i)),
    ),
    CONCURRENCY,
  );
  for (const shader of SHADER_MIX) {
    ours.set(
      shader.name,
      await measure(shader, (code) => ourRender(renderer.url, code), OURS_LATENCY_RUNS, OURS_THROUGHPUT_RUNS),
    );
    console.log(`renderer: ${shader.name} done`);
  }
  // The same source every time: the pre-check verdict and the compiled program are reused.
  repeated = await measure(
    SHADER_MIX[0]!,
    (code) => ourRender(renderer.url, code),
    OURS_LATENCY_RUNS,
    OURS_THROUGHPUT_RUNS,
    true,
  );
  oursPeak = await oursRss.stop();
} finally {
  await renderer.stop();
}

const hung = await hungRecovery();
console.log('');
const { naiveMix, oursMix } = printTable(naive, ours, { naive: naivePeak, ours: oursPeak });
const trivial = SHADER_MIX[0]!.name;
console.log(
  `${trivial}, same source every time (pre-check and compile reused): median ${fixed(repeated.medianMs)} ms, ` +
    `${fixed(repeated.perSecond, 1)}/s (${ratio(repeated.perSecond, naive.get(trivial)!.perSecond)} naive), ` +
    `beyond draw ${fixed(repeated.overheadMs, 1)} ms`,
);
const trivialRatio = ours.get(trivial)!.perSecond / naive.get(trivial)!.perSecond;
const overhead = median([...ours.values()].flatMap((m) => m.overheads));
const worstServingAgain = Math.max(...hung.servingAgainMs);
console.log(
  `hung shader (pool of 1, deadline ${DEADLINE_MS} ms): timeout answered after ${hung.timeoutMs.map((ms) => fixed(ms)).join(', ')} ms; ` +
    `serving again after ${hung.servingAgainMs.map((ms) => fixed(ms)).join(', ')} ms`,
);
console.log(`load average at the end: ${load()} (other work on the machine slows both sides)`);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log('\ngoals:');
console.log(
  `  throughput on ${trivial} >= 40x naive: ${fixed(trivialRatio, 1)}x (${verdict(trivialRatio >= 40)})`,
);
console.log(
  `  throughput over the mix >= 5x naive: ${fixed(oursMix / naiveMix, 1)}x (${verdict(oursMix / naiveMix >= 5)})`,
);
console.log(
  `  median time beyond compile + draw <= 20 ms: ${fixed(overhead, 1)} ms (${verdict(overhead <= 20)})`,
);
console.log(
  `  hung-shader recovery <= deadline + 3 s: ${fixed(worstServingAgain)} ms (${verdict(worstServingAgain <= DEADLINE_MS + 3000)})`,
);

if (process.argv.includes('--rasteriser')) printRasteriserReport(await compareRasterisers());
