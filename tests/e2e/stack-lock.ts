import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * One native stack per machine: concurrent e2e runs (several developers' or agents' runs on one
 * machine) queue on this lock file instead of stopping each other's stacks. A lock whose owner
 * process is gone is taken over.
 */
export async function acquireStackLock(runDir: string, timeoutMs = 30 * 60_000): Promise<() => void> {
  mkdirSync(runDir, { recursive: true });
  const file = path.join(runDir, 'fractafrag-native-stack.lock');
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch {
      const owner = Number(readFileSync(file, 'utf8').trim() || 0);
      if (!owner || !alive(owner)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the native stack stayed locked by process ${owner}`);
      if (!announced) console.log(`e2e: waiting for process ${owner}, which is using the native stack`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Signal 0 also succeeds for a zombie (exited, not yet reaped by a slow init): that owner is gone too. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}
