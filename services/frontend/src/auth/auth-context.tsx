import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { authResponseSchema, type RegisterBody } from '@fractafrag/contracts';
import { apiFetch } from '../api/client.ts';
import {
  getSession,
  mayHaveSession,
  refreshSession,
  sessionFrom,
  setSession,
  subscribeSession,
  type Session,
  type SessionUser,
} from './session-store.ts';

/** loading: the session is being restored on page load; then one of the other two. */
export type AuthStatus = 'loading' | 'authenticated' | 'anonymous';

export interface AuthState {
  user: SessionUser | null;
  accessToken: string | null;
  status: AuthStatus;
  /** Logs in with a username or email; rejects with an ApiError (401 on wrong credentials). */
  login: (login: string, password: string) => Promise<SessionUser>;
  /** Creates the account and logs in; rejects with an ApiError (409 taken, 422 invalid). */
  register: (body: RegisterBody) => Promise<SessionUser>;
  /** Ends the session on the server (best effort) and forgets it here. */
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setLocalSession] = useState<Session | null>(getSession);
  const [restoring, setRestoring] = useState(() => getSession() === null && mayHaveSession());

  useEffect(() => subscribeSession(setLocalSession), []);

  useEffect(() => {
    if (!restoring) return;
    let active = true;
    // A failure on load (network, 429) leaves the visitor signed out for now; the next load retries.
    refreshSession()
      .catch(() => null)
      .finally(() => {
        if (active) setRestoring(false);
      });
    return () => {
      active = false;
    };
    // Only on mount: `restoring` starts true at most once.
  }, []);

  // Queries answer differently per user (For you, my votes, drafts): refetch them when that changes.
  // Nothing to redo for a visitor who stays anonymous (undefined: no query has run as anyone yet).
  const userId = session?.user.id ?? null;
  const answeredFor = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (restoring) return;
    const before = answeredFor.current;
    answeredFor.current = userId;
    if (before === undefined ? userId !== null : before !== userId) void queryClient.invalidateQueries();
  }, [userId, restoring, queryClient]);

  const login = useCallback(async (login: string, password: string) => {
    const reply = await apiFetch('/auth/login', {
      method: 'POST',
      body: { login, password },
      schema: authResponseSchema,
    });
    setSession(sessionFrom(reply));
    return reply.user;
  }, []);

  const register = useCallback(async (body: RegisterBody) => {
    const reply = await apiFetch('/auth/register', { method: 'POST', body, schema: authResponseSchema });
    setSession(sessionFrom(reply));
    return reply.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiFetch('/auth/logout', { method: 'POST' });
    } finally {
      setSession(null);
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      user: session?.user ?? null,
      accessToken: session?.accessToken ?? null,
      status: session ? 'authenticated' : restoring ? 'loading' : 'anonymous',
      login,
      register,
      logout,
    }),
    [session, restoring, login, register, logout],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const state = use(AuthContext);
  if (!state) throw new Error('useAuth() must be used inside <AuthProvider>');
  return state;
}
