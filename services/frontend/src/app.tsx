import { lazy, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { FEEDS } from './api/feed.ts';
import { AuthProvider } from './auth/auth-context.tsx';
import { RequireAuth } from './auth/require-auth.tsx';
import { FeedPage } from './feed/feed-page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { ApiKeysPage } from './pages/api-keys-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { RegisterPage } from './pages/register-page.tsx';
import { ShaderPage } from './shader/shader-page.tsx';

// Pages outside the feed's first load are split off: the feed route stays within its JS budget.
const EditorPage = lazy(() => import('./editor/editor-page.tsx').then((m) => ({ default: m.EditorPage })));
const MyShadersPage = lazy(() =>
  import('./my-shaders/my-shaders-page.tsx').then((m) => ({ default: m.MyShadersPage })),
);
const DesiresPage = lazy(() =>
  import('./desires/desires-page.tsx').then((m) => ({ default: m.DesiresPage })),
);
const DesireDetailPage = lazy(() =>
  import('./desires/desire-detail-page.tsx').then((m) => ({ default: m.DesireDetailPage })),
);
const ProfilePage = lazy(() =>
  import('./profile/profile-page.tsx').then((m) => ({ default: m.ProfilePage })),
);

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

/** One <Route> per line: pages are added with one import and one line here. */
export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          <Route element={<AppLayout />}>
            {FEEDS.map((feed) => (
              <Route key={feed.key} path={feed.path} element={<FeedPage key={feed.key} feed={feed} />} />
            ))}
            <Route path="/s/:id" element={<ShaderPage />} />
            <Route path="/editor" element={<EditorPage />} />
            <Route path="/editor/:id" element={<EditorPage />} />
            <Route path="/new" element={<EditorPage />} />
            <Route path="/s/:id/edit" element={<EditorPage />} />
            <Route path="/me/shaders" element={signedIn(<MyShadersPage />)} />
            <Route path="/my-shaders" element={<Navigate to="/me/shaders" replace />} />
            <Route path="/desires" element={<DesiresPage />} />
            <Route path="/desires/:id" element={<DesireDetailPage />} />
            <Route path="/u/:username" element={<ProfilePage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/settings/api-keys" element={signedIn(<ApiKeysPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
