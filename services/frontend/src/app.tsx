import { BrowserRouter, Route, Routes } from 'react-router';
import { FEEDS } from './api/feed.ts';
import { FeedPage } from './feed/feed-page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          {FEEDS.map((feed) => (
            <Route key={feed.key} path={feed.path} element={<FeedPage key={feed.key} feed={feed} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
