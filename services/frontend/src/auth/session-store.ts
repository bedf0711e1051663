import { authResponseSchema, type AuthResponse } from '@fractafrag/contracts';

/** The signed-in user as the auth endpoints describe them. */
export type SessionUser = AuthResponse['user'];

export interface Session {
  readonly accessToken: string;
  readonly user: SessionUser;
}

type Listener = (session: Session | null) => void;

/**
 * The one in-memory session of this tab. The access token never touches storage; the refresh token
 * lives in an HttpOnly cookie the browser sends to /api/v1/auth only.
 */
let current: Session | null = null;
const listeners = new Set<Listener>();
let inFlightRefresh: Promise<Session | null> | null = null;

export function getSession(): Session | null {
  return current;
}

/**
 * A non-secret hint that this browser holds a refresh cookie (which is HttpOnly, so invisible here).
 * Visitors who never signed in skip the refresh call on every page load: it would only answer 401,
 * and it counts against the auth rate limit.
 */
const SIGNED_IN_HINT = 'fractafrag.signedIn';

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage blocked: the hint is an optimisation only.
  }
}

/** False when this browser has certainly no session to restore. */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true;
  }
}

export function setSession(session: Session | null): void {
  current = session;
  writeHint(session !== null);
  for (const listener of listeners) listener(session);
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionFrom(response: AuthResponse): Session {
  return { accessToken: response.accessToken, user: response.user };
}

async function postRefresh(): Promise<Session | null> {
  const response = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  // 401: no cookie, or it expired or was revoked: signed out. Anything else (429, 5xx) says nothing
  // about the session, so it rejects and the sign-in hint stays for the next try.
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`refreshing the session failed with status ${response.status}`);
  return sessionFrom(authResponseSchema.parse(await response.json()));
}

/**
 * Exchanges the refresh cookie for a new access token. Each refresh token works once and presenting
 * a used one revokes the session, so refreshes are serialised: one in-flight promise per tab, and a
 * Web Lock across tabs (the cookie jar is shared, so the tab that waits sends the rotated cookie).
 * Resolves to null when there is no session to restore; a network failure, 429 or 5xx rejects.
 */
export function refreshSession(): Promise<Session | null> {
  inFlightRefresh ??= (async () => {
    try {
      const session =
        typeof navigator !== 'undefined' && 'locks' in navigator
          ? await navigator.locks.request('fractafrag-refresh', postRefresh)
          : await postRefresh();
      setSession(session);
      return session;
    } finally {
      inFlightRefresh = null;
    }
  })();
  return inFlightRefresh;
}
