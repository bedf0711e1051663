/**
 * Renderer benchmark (not part of the test run): warm renders through the pooled page versus the
 * baseline of starting a fresh renderer (and so a fresh browser) for every job, measured in the same
 * run. Prints p50/p95 and the ratio.   pnpm bench
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { imageOnly } from '@fractafrag/contracts';
import { startRenderer } from '../tests/support/renderer-process.ts';

const WARM_RENDERS = Number(process.env.BENCH_WARM_RENDERS ?? 40);
const COLD_RENDERS = Number(process.env.BENCH_COLD_RENDERS ?? 3);

// A typical shader: the seed "Plasma Drift" body, taken from db/init.sql so the bench tracks it.
const initSql = readFileSync(path.resolve(import.meta.dirname, '../db/init.sql'), 'utf8');
const plasma = /\$glsl\$(\/\/ Plasma Drift[\s\S]*?)\$glsl\$/.exec(initSql)?.[1];
if (!plasma) throw new Error('no seed shader found in db/init.sql');
const body = JSON.stringify({ source: imageOnly(plasma), width: 640, height: 360, time: 2, format: 'webp' });

async function renderOnce(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/render`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (!res.ok) throw new Error(`render failed: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const cold: number[] = [];
for (let i = 0; i < COLD_RENDERS; i++) {
  const started = performance.now();
  const renderer = await startRenderer({ LOG_LEVEL: 'error' });
  await renderOnce(renderer.url);
  cold.push(performance.now() - started);
  await renderer.stop();
}

const renderer = await startRenderer({ LOG_LEVEL: 'error' });
await renderOnce(renderer.url); // first compile in this page
const warm: number[] = [];
for (let i = 0; i < WARM_RENDERS; i++) warm.push(await renderOnce(renderer.url));
await renderer.stop();

const row = (name: string, xs: number[]) =>
  `${name.padEnd(34)} ${String(xs.length).padStart(4)} ${percentile(xs, 50).toFixed(0).padStart(8)} ${percentile(xs, 95).toFixed(0).padStart(8)}`;
console.log(`${'case'.padEnd(34)} ${'n'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
console.log(row('baseline: fresh browser per render', cold));
console.log(row('warm pooled page', warm));
console.log(
  `speed-up (baseline p50 / warm p50): ${(percentile(cold, 50) / percentile(warm, 50)).toFixed(1)}x`,
);
