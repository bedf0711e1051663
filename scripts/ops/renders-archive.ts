import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { excerpt, OpsError } from './ops-cli.ts';
import { expectSuccess, runTool } from './run-tool.ts';

/** The renders directory as a .tar.gz (GNU tar): written beside a dump, unpacked on restore. */

export async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

export interface ArchiveResult {
  files: number;
  /** tar's message when a file changed while it was read (the worker was writing renders). */
  warning?: string;
}

/** Archives the contents of `rendersDir` into `archive` (written as .partial, renamed when complete). */
export async function archiveRenders(rendersDir: string, archive: string): Promise<ArchiveResult> {
  const partial = `${archive}.partial`;
  const result = await runTool('tar', ['-czf', partial, '-C', rendersDir, '.']);
  // GNU tar exits 1 when a file changed as it was read: the archive is complete, that file maybe not.
  if (result.code > 1) {
    await rm(partial, { force: true });
    expectSuccess(result, `tar of ${rendersDir}`);
  }
  await rename(partial, archive);
  return {
    files: await countFiles(rendersDir),
    ...(result.code === 1 ? { warning: excerpt(result.stderr) } : {}),
  };
}

/**
 * Replaces the contents of `rendersDir` with the archive's. It unpacks into a staging folder beside
 * it first, so a broken archive leaves the current renders as they are; the directory itself stays
 * (it may be a mount point).
 */
export async function restoreRenders(archive: string, rendersDir: string): Promise<number> {
  const target = path.resolve(rendersDir);
  await mkdir(target, { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}-restoring-`));
  try {
    const unpacked = await runTool('tar', ['-xzf', path.resolve(archive), '-C', staging]);
    if (unpacked.code !== 0)
      throw new OpsError(
        `cannot unpack ${archive} (renders left as they were):\n${excerpt(unpacked.stderr)}`,
      );
    for (const entry of await readdir(target))
      await rm(path.join(target, entry), { recursive: true, force: true });
    for (const entry of await readdir(staging))
      await rename(path.join(staging, entry), path.join(target, entry));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return countFiles(target);
}
