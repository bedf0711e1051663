import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes an artifact under a content-hash name (<2 id chars>/<shader id>-v<version>-<kind>-<hash>.<ext>),
 * atomically (temp file + rename), and returns its path relative to the renders directory.
 */
export async function storeArtifact(
  rendersDir: string,
  shaderId: string,
  version: number,
  kind: string,
  ext: string,
  bytes: Buffer,
): Promise<string> {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const relative = path.posix.join(shaderId.slice(0, 2), `${shaderId}-v${version}-${kind}-${hash}.${ext}`);
  const target = path.join(rendersDir, relative);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, target);
  return relative;
}
