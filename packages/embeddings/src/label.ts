import { proseWords, stem } from './tokenize.ts';

/**
 * A short human label from a text: its first `max` content words (stopwords dropped, one word per
 * stem, original spelling kept). "slow dark ragdoll physics with neon glow" → "slow dark ragdoll physics".
 */
export function labelFromText(text: string, max = 4, maxLength = 120): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of proseWords(text)) {
    const key = stem(word);
    if (seen.has(key)) continue;
    seen.add(key);
    words.push(word);
    if (words.length === max) break;
  }
  const label = words.join(' ') || text.trim().toLowerCase();
  return label.slice(0, maxLength);
}
