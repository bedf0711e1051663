import { NavLink } from 'react-router';
import { TOP_PERIODS, type TopPeriod } from '@fractafrag/contracts';
import { FEEDS, PERIOD_LABELS, type FeedSpec } from '../api/feed.ts';

/** For you / Trending / New / Top, and Top's period. */
export function FeedTabs({
  feed,
  period,
  onPeriod,
}: {
  feed: FeedSpec;
  period: TopPeriod;
  onPeriod: (period: TopPeriod) => void;
}) {
  return (
    <div className="feed-toolbar">
      <nav className="tabs" aria-label="Feeds">
        {FEEDS.map((f) => (
          <NavLink key={f.key} className="tab" to={f.path} end>
            {f.label}
          </NavLink>
        ))}
      </nav>
      {feed.periods ? (
        <label className="period-select">
          <span className="visually-hidden">Period</span>
          <select
            value={period}
            onChange={(event) => onPeriod(event.target.value as TopPeriod)}
            data-testid="period-select"
          >
            {TOP_PERIODS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
