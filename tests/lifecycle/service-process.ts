import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { until } from '../../services/worker/test/reliability/processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningService {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) and how long after `since` it came. */
  exited(since: number): Promise<{ code: number | null; afterMs: number }>;
  kill(): void;
}

/** `node <script>` of a real service, waited for until `readyPath` answers 200. */
export async function startService(
  script: string,
  url: string,
  env: Record<string, string>,
  readyPath = '/ready',
): Promise<RunningService> {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await until(
    `${script} to be ready`,
    async () => {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      return (await status(`${url}${readyPath}`)) === 200;
    },
    90_000,
    100,
  );
  return {
    url,
    child,
    async exited(since) {
      const code = await exit;
      return { code, afterMs: Date.now() - since };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** The HTTP status of a GET, or 0 when nothing answers. */
export async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** SIGTERM, then the first /ready answer: 503 with status "draining" while the delay lasts. */
export async function terminateAndReadReadiness(
  service: RunningService,
): Promise<{ sentAt: number; ready: { status: number; body: unknown } }> {
  const sentAt = Date.now();
  service.child.kill('SIGTERM');
  const ready = await until(
    'readiness to report draining',
    async () => {
      const res = await fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(3000) });
      const body = (await res.json()) as { status?: string };
      return body.status === 'draining' ? { status: res.status, body } : undefined;
    },
    10_000,
    20,
  );
  return { sentAt, ready };
}
