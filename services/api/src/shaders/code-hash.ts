import { createHash } from 'node:crypto';
import type { ShaderSource } from '@fractafrag/contracts';

/** sha256 of the canonical source: the same code always hashes the same. */
export function codeHash(source: ShaderSource): string {
  const canonical = JSON.stringify({
    common: source.common,
    passes: source.passes.map((p) => ({ name: p.name, code: p.code, channels: p.channels })),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
