import { Link, useLocation } from 'react-router';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="panel" data-testid="not-found">
      <title>Page not found · Fractafrag</title>
      <h1>Page not found</h1>
      <p>
        Nothing lives at <code>{pathname}</code>.
      </p>
      <Link className="button" to="/">
        Back to the feed
      </Link>
    </section>
  );
}
