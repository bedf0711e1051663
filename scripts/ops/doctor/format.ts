import type { CheckResult, CheckStatus } from './check.ts';

const LABEL: Record<CheckStatus, string> = { ok: 'ok', warn: 'warn', fail: 'FAIL' };
const NAME_WIDTH = 18;

/** `ok    postgres          PostgreSQL 15.20 at …`, then `      fix: …` under a warning or failure. */
export function formatResult(result: CheckResult): string[] {
  const line = `${LABEL[result.status].padEnd(6)}${result.name.padEnd(NAME_WIDTH)}${result.detail}`;
  return result.fix ? [line, `${' '.repeat(6)}fix: ${result.fix}`] : [line];
}

export function formatSummary(results: readonly CheckResult[]): string {
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  return `doctor: ${count('ok')} ok, ${count('warn')} warn, ${count('fail')} FAIL`;
}

/** Non-zero when any check failed; warnings alone do not fail the run. */
export const exitCodeOf = (results: readonly CheckResult[]): number =>
  results.some((r) => r.status === 'fail') ? 1 : 0;
