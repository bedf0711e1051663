import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { registerBodySchema } from '@fractafrag/contracts';
import { useAuth } from '../auth/auth-context.tsx';
import { safeNext } from '../auth/safe-next.ts';
import { InlineError } from '../ui/page-state.tsx';
import { formText } from '../ui/form-text.ts';

export function RegisterPage() {
  const { register, status } = useAuth();
  const navigate = useNavigate();
  const { search } = useLocation();
  const next = safeNext(search);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'authenticated' && !busy) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The same rules as the API, checked here first so the message appears without a round trip.
    const parsed = registerBodySchema.safeParse({
      username: formText(form, 'username').trim(),
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
    });
    if (!parsed.success) {
      setError(new Error(parsed.error.issues.map((issue) => issue.message).join('; ')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await register(parsed.data);
      void navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="auth-page" aria-labelledby="register-heading">
      <title>Sign up · Fractafrag</title>
      <form className="form-card" onSubmit={(e) => void submit(e)}>
        <h1 id="register-heading">Create your account</h1>
        <label className="field">
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            required
            minLength={3}
            maxLength={32}
            pattern="[A-Za-z0-9_\-]+"
            aria-describedby="username-hint"
            autoFocus
          />
          <small id="username-hint" className="muted">
            3–32 letters, digits, _ or -
          </small>
        </label>
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" autoComplete="email" required maxLength={254} />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={256}
            aria-describedby="password-hint"
          />
          <small id="password-hint" className="muted">
            At least 8 characters
          </small>
        </label>
        <InlineError error={error} />
        <button type="submit" className="button button-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
        <p className="muted form-foot">
          Already have an account? <Link to={`/login${search}`}>Log in</Link>
        </p>
      </form>
    </section>
  );
}
