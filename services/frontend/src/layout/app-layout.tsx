import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { FEEDS } from '../api/feed.ts';
import { PageLoading } from '../ui/page-state.tsx';
import { AccountMenu } from './account-menu.tsx';

const FEED_PATHS = new Set<string>(FEEDS.map((feed) => feed.path));

/** The site's main sections; the feed tabs live on the feed pages themselves. */
const SECTIONS = [
  { to: '/', label: 'Feed', isActive: (path: string) => FEED_PATHS.has(path) },
  { to: '/desires', label: 'Desires', isActive: (path: string) => path.startsWith('/desires') },
  {
    to: '/editor',
    label: 'Create',
    isActive: (path: string) => path.startsWith('/editor') || path === '/new' || path.endsWith('/edit'),
  },
  { to: '/me/shaders', label: 'My shaders', isActive: (path: string) => path.startsWith('/me/shaders') },
] as const;

export function AppLayout() {
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link className="brand" to="/">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span>Fractafrag</span>
          </Link>
          <nav className="main-nav" aria-label="Main">
            {SECTIONS.map((section) => (
              <Link
                key={section.to}
                className="nav-link"
                to={section.to}
                aria-current={section.isActive(pathname) ? 'page' : undefined}
              >
                {section.label}
              </Link>
            ))}
          </nav>
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {/* Lazily loaded pages (the editor) show this while their code arrives. */}
        <Suspense fallback={<PageLoading label="Loading page…" />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
