import type { ReactNode } from 'react';

/** Shared loading, empty and error states, so every page says the same things the same way. */

export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-state" aria-busy="true" data-testid="page-loading">
      <span className="spinner" aria-hidden="true" />
      <p role="status">{label}</p>
    </div>
  );
}

export function PageError({
  title = 'Something went wrong',
  error,
  onRetry,
  children,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="panel panel-error" role="alert" data-testid="page-error">
      <h2>{title}</h2>
      <p className="error-message">{message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="panel" data-testid="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** A small inline error next to the control that failed (a vote, a comment). */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'Something went wrong.';
  return (
    <p className="error-message inline-message" role="alert">
      {message}
    </p>
  );
}
