import { readFile } from 'node:fs/promises';
import { descendantsOf, listProcesses } from '../../services/renderer/src/gpu-process-killer.ts';

/** Resident memory (VmRSS) of one process in bytes; 0 once it is gone. */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib ? Number(kib) * 1024 : 0;
}

/** Summed RSS of a process tree (shared pages count once per process, as `ps` would add them). */
export async function treeRss(root: number, includeRoot: boolean): Promise<number> {
  const pids = descendantsOf(root, await listProcesses());
  if (includeRoot) pids.push(root);
  const sizes = await Promise.all(pids.map(rssOf));
  return sizes.reduce((a, b) => a + b, 0);
}

/** Samples a tree's RSS every `intervalMs` and keeps the peak. */
export function sampleRss(root: number, includeRoot: boolean, intervalMs = 100) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await treeRss(root, includeRoot));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop(): Promise<number> {
      running = false;
      await loop;
      return peak;
    },
  };
}
