import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../tests/support/renderer-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The real API as a production-mode process on the bench database, rate limits off. */
export async function startApiProcess(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['services/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '20',
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      API_PORT: String(port),
      RATE_LIMITS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/ready`)).ok) return { url, child, stop: () => child.kill('SIGTERM') };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not become ready');
}
