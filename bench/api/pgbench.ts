import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load.ts';

/**
 * Runs one SQL statement under pgbench (same concurrency as the HTTP load) and reads per-transaction
 * latencies from its log to get p50/p99 comparable to autocannon's.
 */
export function pgbenchSql(
  name: string,
  databaseUrl: string,
  sql: string,
  durationSeconds: number,
  clients = 10,
): LoadResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fracta-pgbench-'));
  try {
    const script = path.join(dir, 'query.sql');
    writeFileSync(script, `${sql.replace(/\s+/g, ' ').trim()};\n`);
    const output = execFileSync(
      'pgbench',
      [
        '-n',
        '-f',
        script,
        '-c',
        String(clients),
        '-j',
        '2',
        '-T',
        String(durationSeconds),
        '-l',
        '--log-prefix',
        path.join(dir, 'log'),
        databaseUrl,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const latenciesMs = readdirSync(dir)
      .filter((f) => f.startsWith('log'))
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    const at = (p: number) =>
      latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(p * latenciesMs.length))] ?? NaN;
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
    return { name, p50: at(0.5), p99: at(0.99), p975: at(0.975), rps: tps, errors: 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
