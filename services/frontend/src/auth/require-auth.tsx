import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoading } from '../ui/page-state.tsx';
import { useAuth } from './auth-context.tsx';

/**
 * Renders its children for a signed-in user; sends anyone else to /login, which brings them back
 * here afterwards (`?next=`). While the session is being restored it shows a loading state.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <PageLoading label="Restoring your session…" />;
  if (status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
