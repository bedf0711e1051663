import type { ShaderDetail } from '@fractafrag/contracts';

/** Title, description and tags as the editor's form holds them (tags as typed, comma-separated). */
export interface ShaderMeta {
  title: string;
  description: string;
  tags: string;
}

export const EMPTY_META: ShaderMeta = { title: '', description: '', tags: '' };

export function metaOf(shader: Pick<ShaderDetail, 'title' | 'description' | 'tags'>): ShaderMeta {
  return { title: shader.title, description: shader.description, tags: shader.tags.join(', ') };
}

/** "Neon, Ray-March  , neon" → ["neon", "ray-march"]. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** What is wrong with the form, in words, or null when it can be sent. */
export function metaProblem(meta: ShaderMeta): string | null {
  if (!meta.title.trim()) return 'Give your shader a title.';
  if (meta.title.trim().length > 120) return 'The title can be at most 120 characters.';
  const tags = parseTags(meta.tags);
  if (tags.length > 10) return 'Use at most 10 tags.';
  const bad = tags.find((t) => !/^[a-z0-9-]{1,32}$/.test(t));
  if (bad) return `The tag "${bad}" may use only a-z, 0-9 and -, up to 32 characters.`;
  return null;
}

export function sameMeta(a: ShaderMeta, b: ShaderMeta): boolean {
  return (
    a.title.trim() === b.title.trim() &&
    a.description === b.description &&
    parseTags(a.tags).join(',') === parseTags(b.tags).join(',')
  );
}
