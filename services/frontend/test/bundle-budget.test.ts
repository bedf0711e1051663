import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, measureBundle, type BundleReport } from '../scripts/bundle-report.ts';

const FRONTEND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('bundle budget', () => {
  let outDir: string;
  let report: BundleReport;

  beforeAll(() => {
    // A private output directory: a running stack keeps serving its own dist/ meanwhile.
    outDir = mkdtempSync(path.join(tmpdir(), 'fractafrag-bundle-'));
    execFileSync(
      process.execPath,
      [
        path.join(FRONTEND, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
      ],
      { cwd: FRONTEND, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
    );
    report = measureBundle(outDir);
    console.log(formatReport(report));
  }, 180_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('loads at most 200 KB of gzipped JS on the feed route', () => {
    expect(report.feedRoute.length).toBeGreaterThan(0);
    expect(report.feedRouteGzipBytes).toBeLessThanOrEqual(report.budgetBytes);
  });

  it('loads the editor lazily, outside the feed route', () => {
    expect(report.lazy.some((chunk) => chunk.file.includes('editor-page'))).toBe(true);
    expect(report.feedRoute.some((chunk) => chunk.file.includes('editor-page'))).toBe(false);
  });
});
