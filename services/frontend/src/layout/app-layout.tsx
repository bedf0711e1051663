import { Link, NavLink, Outlet } from 'react-router';
import { FEEDS } from '../api/feed.ts';

export function AppLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to shaders
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link className="brand" to="/">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Fractafrag
          </Link>
          <nav className="tabs" aria-label="Feeds">
            {FEEDS.map((feed) => (
              <NavLink key={feed.key} className="tab" to={feed.path} end>
                {feed.label}
              </NavLink>
            ))}
          </nav>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
