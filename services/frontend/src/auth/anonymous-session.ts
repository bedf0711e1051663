const STORAGE_KEY = 'fractafrag.sessionId';

/**
 * A random id that groups an anonymous visitor's engagement events (views, dwell), kept in
 * localStorage so a reload is the same visitor. Falls back to an in-memory id when storage is blocked.
 */
let memoryId: string | null = null;

/** crypto.randomUUID needs a secure context; a plain-http LAN address is not one. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function anonymousSessionId(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored) return stored;
    const id = randomId();
    localStorage.setItem(STORAGE_KEY, id);
    return id;
  } catch {
    memoryId ??= randomId();
    return memoryId;
  }
}
