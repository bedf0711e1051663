/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`, seeded, then the murmur3 finaliser so that
 * every output bit depends on every input bit (FNV alone leaves the low bits weak, and the low bits
 * pick the dimension).
 */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
