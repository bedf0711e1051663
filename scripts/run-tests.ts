/**
 * The whole test suite, as `make test` and .ci/run run it: lint, type-check, unit + integration,
 * then end-to-end against the native stack. Ends with one line computed from the runners' reports:
 * "N passed, N failed[, N skipped]", and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPORTS = path.join(ROOT, '.run', 'reports');
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function step(name: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  console.log(
    `=== ${name}: exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

/** A check that is not a test runner (lint, type-check) counts as one test. */
function check(name: string, cmd: string, args: string[]): void {
  if (step(name, cmd, args)) total.passed += 1;
  else {
    total.failed += 1;
    failures.push(name);
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; status: string; message?: string }[];
}

function vitest(name: string, projects: string[]): void {
  const report = path.join(REPORTS, `${name}.json`);
  const ok = step(name, 'vitest', [
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let parsed: VitestReport;
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
  } catch {
    total.failed += 1;
    failures.push(`${name}: the runner produced no report`);
    return;
  }
  total.passed += parsed.numPassedTests;
  total.failed += parsed.numFailedTests;
  total.skipped += parsed.numPendingTests + parsed.numTodoTests;
  // A file that fails to load has no failed tests but must still fail the run.
  for (const file of parsed.testResults) {
    if (file.status === 'failed' && parsed.numFailedTests === 0) {
      total.failed += 1;
      failures.push(`${name}: ${path.relative(ROOT, file.name)} failed to run`);
    }
  }
  if (
    !ok &&
    parsed.numFailedTests === 0 &&
    parsed.numFailedTestSuites === 0 &&
    !failures.some((f) => f.startsWith(name))
  ) {
    total.failed += 1;
    failures.push(`${name}: vitest exited non-zero`);
  }
}

const only = process.argv[2];
if (!only || only === 'static') {
  check('lint', 'eslint', ['.', '--max-warnings', '0']);
  check('typecheck', 'pnpm', ['-r', '--parallel', 'run', 'check']);
}
if (!only || only === 'unit') vitest('unit-integration', ['unit', 'integration']);
if (!only || only === 'e2e') vitest('e2e', ['e2e']);
if (!only || only === 'fault') vitest('fault', ['fault']);

if (failures.length) console.log(`\nfailed: ${failures.join('; ')}`);
const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`\n${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
