import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';
import { safeNext } from '../auth/safe-next.ts';
import { InlineError } from '../ui/page-state.tsx';
import { formText } from '../ui/form-text.ts';

export function LoginPage() {
  const { login, status } = useAuth();
  const navigate = useNavigate();
  const { search } = useLocation();
  const next = safeNext(search);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'authenticated' && !busy) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(formText(form, 'login'), formText(form, 'password'));
      void navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="auth-page" aria-labelledby="login-heading">
      <title>Log in · Fractafrag</title>
      <form className="form-card" onSubmit={(e) => void submit(e)} noValidate={false}>
        <h1 id="login-heading">Log in</h1>
        <label className="field">
          <span>Username or email</span>
          <input name="login" autoComplete="username" required maxLength={254} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} />
        </label>
        <InlineError error={error} />
        <button type="submit" className="button button-block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="muted form-foot">
          New here? <Link to={`/register${search}`}>Create an account</Link>
        </p>
      </form>
    </section>
  );
}
