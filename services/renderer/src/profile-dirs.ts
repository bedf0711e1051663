import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'fractafrag-chromium-';
const OWNED_BY = new RegExp(`^${PREFIX}(\\d+)-`);

/** A fresh Chromium profile folder, named after this process so a later renderer can tell it is orphaned. */
export function createProfileDir(root = tmpdir()): Promise<string> {
  return mkdtemp(join(root, `${PREFIX}${process.pid}-`));
}

/**
 * Removes the profile folders of renderers that died without closing their browsers (kill -9, out
 * of memory): folders whose process is gone. Live renderers' folders, this one's or another
 * process's on the same machine, are left alone. Returns how many were removed.
 */
export async function removeOrphanedProfileDirs(root = tmpdir()): Promise<number> {
  const names = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = OWNED_BY.exec(name)?.[1];
    if (!pid || alive(Number(pid))) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
