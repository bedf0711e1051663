/** What one doctor check says: one line of the report, and for a problem the next step to fix it. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'warn',
  detail,
  fix,
});
export const fail = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'fail',
  detail,
  fix,
});

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A Node system error's code (ENOENT, ECONNREFUSED, …), if it has one. */
export const errorCode = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;

/** Shows a connection URL without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Runs a check under a deadline, so the doctor never hangs on a server that accepts a connection
 * and then says nothing. A check that throws or runs out of time becomes one FAIL line.
 */
export async function runWithDeadline(
  name: string,
  timeoutMs: number,
  check: () => Promise<CheckResult[]>,
  fixOnTimeout: string,
): Promise<CheckResult[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckResult[]>((resolve) => {
    timer = setTimeout(
      () => resolve([fail(name, `no answer within ${timeoutMs / 1000} s`, fixOnTimeout)]),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      check().catch((err: unknown) => [fail(name, `check crashed: ${errorMessage(err)}`, fixOnTimeout)]),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
