/** The `?next=` target after signing in, only ever a path on this site (never `//evil.example`). */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
