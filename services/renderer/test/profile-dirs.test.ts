import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileDir, removeOrphanedProfileDirs } from '../src/profile-dirs.ts';

describe('Chromium profile folders', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'profile-dirs-test-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names a profile folder after the renderer process that owns it', async () => {
    const dir = await createProfileDir(root);
    expect(basename(dir)).toMatch(new RegExp(`^fractafrag-chromium-${process.pid}-`));
  });

  it('removes the folders of renderers that died (kill -9) and keeps live ones and foreign folders', async () => {
    const exited = spawnSync('true').pid;
    const orphaned = join(root, `fractafrag-chromium-${exited}-abc123`);
    const foreign = join(root, 'fractafrag-chromium-Xy12ab');
    mkdirSync(orphaned);
    mkdirSync(join(orphaned, 'Default'));
    mkdirSync(foreign);
    const mine = await createProfileDir(root);

    expect(await removeOrphanedProfileDirs(root)).toBe(1);
    expect(existsSync(orphaned)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });
});
