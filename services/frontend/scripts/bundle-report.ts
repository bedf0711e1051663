/**
 * Gzipped size of the JavaScript the feed route loads: the entry chunk of index.html and every chunk
 * it imports statically (what the browser fetches before the feed can render). Lazily loaded pages
 * (the editor with CodeMirror, desires, profiles…) are listed apart and do not count.
 *
 *   node scripts/bundle-report.ts [distDir]   prints the table; exits 1 over budget with --check
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget for the feed route's JS, gzipped (issue 7 item 8: 200 KB). */
export const FEED_ROUTE_BUDGET_BYTES = 200 * 1000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  feedRoute: ChunkSize[];
  lazy: ChunkSize[];
  feedRouteGzipBytes: number;
  budgetBytes: number;
}

function sizeOf(distDir: string, file: string): ChunkSize {
  const content = readFileSync(path.join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Reads `dist/.vite/manifest.json` (build.manifest) and sizes the feed route's chunks. */
export function measureBundle(distDir: string): BundleReport {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry && key.endsWith('index.html'));
  if (!entryKey) throw new Error(`no index.html entry in ${distDir}/.vite/manifest.json`);

  const eager = new Set<string>();
  const visit = (key: string) => {
    if (eager.has(key)) return;
    eager.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entryKey);

  const jsOf = (keys: Iterable<string>) =>
    [...new Set([...keys].map((key) => manifest[key]?.file).filter((f): f is string => !!f?.endsWith('.js')))]
      .sort()
      .map((file) => sizeOf(distDir, file));
  const feedRoute = jsOf(eager);
  const lazy = jsOf(Object.keys(manifest).filter((key) => !eager.has(key)));
  return {
    feedRoute,
    lazy,
    feedRouteGzipBytes: feedRoute.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
    budgetBytes: FEED_ROUTE_BUDGET_BYTES,
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(7)} kB`;

export function formatReport(report: BundleReport): string {
  const row = (chunk: ChunkSize) =>
    `  ${chunk.file.padEnd(48)} ${kb(chunk.bytes)}  gzip ${kb(chunk.gzipBytes)}`;
  const verdict = report.feedRouteGzipBytes <= report.budgetBytes ? 'within budget' : 'OVER BUDGET';
  return [
    'Feed route JS (loaded before the feed renders):',
    ...report.feedRoute.map(row),
    `  total gzip ${kb(report.feedRouteGzipBytes).trim()} of ${kb(report.budgetBytes).trim()}: ${verdict}`,
    'Lazy chunks (loaded by other routes on demand):',
    ...report.lazy.map(row),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const distDir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? 'dist');
  const report = measureBundle(distDir);
  console.log(formatReport(report));
  if (args.includes('--check') && report.feedRouteGzipBytes > report.budgetBytes) process.exit(1);
}
