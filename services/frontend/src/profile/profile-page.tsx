import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { PublicProfile } from '@fractafrag/contracts';
import { ApiError } from '../api/client.ts';
import { fetchProfile, fetchUserShaders, userKeys } from '../api/users.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { ShaderCard } from '../feed/shader-card.tsx';
import { LiveCanvasProvider } from '../live/live-canvas-context.tsx';
import { LoadMoreFooter } from '../ui/load-more.tsx';
import { EmptyState, PageError, PageLoading } from '../ui/page-state.tsx';
import '../ui/page-sections.css';
import './profile.css';

const joined = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

function ProfileShaders({ profile }: { profile: PublicProfile }) {
  const query = useInfiniteQuery({
    queryKey: userKeys.shaders(profile.username),
    queryFn: ({ pageParam, signal }) => fetchUserShaders(profile.username, pageParam, signal),
    initialPageParam: null as string | null,
    initialData: { pages: [profile.shaders], pageParams: [null] },
    getNextPageParam: (page) => page.nextCursor,
  });
  const shaders = query.data.pages.flatMap((p) => p.items);
  if (shaders.length === 0)
    return (
      <EmptyState title="No published shaders yet">
        <p>{profile.username} has not published anything yet.</p>
      </EmptyState>
    );
  return (
    <LiveCanvasProvider>
      <ul className="grid" data-testid="profile-shaders">
        {shaders.map((shader) => (
          <li key={shader.id}>
            <ShaderCard shader={shader} />
          </li>
        ))}
      </ul>
      <LoadMoreFooter query={query} />
    </LiveCanvasProvider>
  );
}

/** /u/:username: who they are and what they have published. */
export function ProfilePage() {
  const { username = '' } = useParams<{ username: string }>();
  const { user } = useAuth();
  const query = useQuery({
    queryKey: userKeys.profile(username),
    queryFn: ({ signal }) => fetchProfile(username, signal),
  });
  if (query.isPending) return <PageLoading label="Loading the profile…" />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <PageError
        title={missing ? 'No such user' : 'Could not load the profile'}
        error={missing ? new Error(`Nobody here is called ${username}.`) : query.error}
        {...(missing ? {} : { onRetry: () => void query.refetch() })}
      />
    );
  }
  const profile = query.data;
  const isMe = user?.id === profile.id;
  const name = profile.displayName ?? profile.username;
  return (
    <section className="profile" aria-labelledby="profile-heading" data-testid="profile">
      <title>{`${name} · Fractafrag`}</title>
      <header className="profile-head">
        {profile.avatarUrl ? (
          <img className="profile-avatar" src={profile.avatarUrl} alt="" width={72} height={72} />
        ) : (
          <span className="profile-avatar profile-avatar-initial" aria-hidden="true">
            {name.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div className="profile-text">
          <h1 id="profile-heading">{name}</h1>
          <p className="muted profile-meta">
            {profile.displayName && <>@{profile.username} · </>}
            <span data-testid="published-count">
              {profile.counts.publishedShaders} published{' '}
              {profile.counts.publishedShaders === 1 ? 'shader' : 'shaders'}
            </span>{' '}
            · joined {joined.format(new Date(profile.createdAt))}
          </p>
          {profile.bio && <p className="profile-bio">{profile.bio}</p>}
          {profile.websiteUrl && (
            <p className="profile-website">
              <a href={profile.websiteUrl} rel="noopener noreferrer nofollow" target="_blank">
                {profile.websiteUrl.replace(/^https?:\/\//, '')}
              </a>
            </p>
          )}
        </div>
        {isMe && (
          <Link className="button button-quiet profile-action" to="/me/shaders">
            My shaders
          </Link>
        )}
      </header>
      <h2 className="visually-hidden">Shaders</h2>
      <ProfileShaders profile={profile} />
    </section>
  );
}
