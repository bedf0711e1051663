import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';

/** Sign-in links for visitors; a menu with profile, API keys and sign-out for a signed-in user. */
export function AccountMenu() {
  const { user, status, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (status === 'loading') return <div className="account" aria-hidden="true" />;
  if (!user) {
    return (
      <div className="account">
        <Link className="nav-link" to="/login">
          Log in
        </Link>
        <Link className="button button-small" to="/register">
          Sign up
        </Link>
      </div>
    );
  }
  const signOut = async () => {
    setOpen(false);
    await logout().catch(() => undefined);
    void navigate('/');
  };
  return (
    <div className="account" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((was) => !was)}
        data-testid="account-menu"
      >
        <span className="avatar" aria-hidden="true">
          {user.username.slice(0, 1).toUpperCase()}
        </span>
        <span className="account-username">{user.username}</span>
        <span className="visually-hidden"> account menu</span>
      </button>
      {open ? (
        <ul className="account-dropdown" id={menuId}>
          <li>
            <Link to={`/u/${encodeURIComponent(user.username)}`}>Profile</Link>
          </li>
          <li>
            <Link to="/me/shaders">My shaders</Link>
          </li>
          <li>
            <Link to="/settings/api-keys">API keys</Link>
          </li>
          <li>
            <button type="button" onClick={() => void signOut()}>
              Log out
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
