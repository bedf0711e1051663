import { readdir, readFile } from 'node:fs/promises';

/**
 * An endless loop in a shader hangs SwiftShader inside Chromium's GPU process, and every WebGL
 * call of that browser with it. Killing the GPU process ends the hang: Chromium starts a new one
 * and pages see a lost context they can recover from.
 */
export interface ProcessEntry {
  pid: number;
  ppid: number;
}

/** The parent pid from a /proc/<pid>/stat line; the command name may itself contain ") ". */
export function parentPid(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** All processes below `root` (children, grandchildren, ...). */
export function descendantsOf(root: number, processes: readonly ProcessEntry[]): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}

/** Chromium rewrites its process title, so arguments may be joined by spaces rather than NULs. */
export function isGpuProcessCommandLine(cmdline: string): boolean {
  return cmdline.split(/[\0 ]/).includes('--type=gpu-process');
}

/** Every process on the machine with its parent, from /proc. */
export async function listProcesses(): Promise<ProcessEntry[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const entries = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      const ppid = stat === null ? null : parentPid(stat);
      return ppid === null ? null : { pid, ppid };
    }),
  );
  return entries.filter((e) => e !== null);
}

export const readCommandLine = (pid: number): Promise<string> =>
  readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');

/** GPU processes of one browser: descendants whose command line says `--type=gpu-process`. */
export async function findGpuProcesses(browserPid: number): Promise<number[]> {
  const descendants = descendantsOf(browserPid, await listProcesses());
  const gpu = await Promise.all(
    descendants.map(async (pid) => {
      return isGpuProcessCommandLine(await readCommandLine(pid)) ? pid : null;
    }),
  );
  return gpu.filter((pid) => pid !== null);
}

/** SIGKILLs the browser's GPU process(es); returns the pids killed. */
export async function killGpuProcesses(browserPid: number): Promise<number[]> {
  const killed: number[] = [];
  for (const pid of await findGpuProcesses(browserPid)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // Already gone.
    }
  }
  return killed;
}
