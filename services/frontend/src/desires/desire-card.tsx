import { Link } from 'react-router';
import type { Desire } from '@fractafrag/contracts';
import { DesireActions } from './desire-actions.tsx';

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Supports, bounty and heat of a desire, in one line. */
export function DesireStats({ desire }: { desire: Desire }) {
  return (
    <p className="desire-stats muted">
      <span data-testid="support-count">
        {desire.supportCount} {desire.supportCount === 1 ? 'person wants' : 'people want'} this
      </span>
      <span aria-hidden="true"> · </span>
      <span data-testid="tip-total">{desire.tipTotal} points bounty</span>
      <span aria-hidden="true"> · </span>
      <span title="Supports, tips and cluster size, decayed with age">heat {count.format(desire.heat)}</span>
    </p>
  );
}

export function DesireFulfilled({ desire }: { desire: Desire }) {
  if (!desire.fulfilledBy) return null;
  return (
    <p className="desire-fulfilled" data-testid="desire-fulfilled">
      Fulfilled by <Link to={`/s/${desire.fulfilledBy.shaderId}`}>{desire.fulfilledBy.title}</Link>
      {desire.fulfilledAt && ` on ${dateFormat.format(new Date(desire.fulfilledAt))}`}
    </p>
  );
}

/** A desire on the board: what is wanted, by whom, how much, and what I can do about it. */
export function DesireCard({ desire }: { desire: Desire }) {
  const titleId = `desire-${desire.id}`;
  return (
    <article
      className="desire-card"
      aria-labelledby={titleId}
      data-testid="desire-card"
      data-desire-id={desire.id}
    >
      <h2 className="desire-prompt" id={titleId}>
        <Link to={`/desires/${desire.id}`}>{desire.prompt}</Link>
      </h2>
      {desire.details && <p className="desire-details">{desire.details}</p>}
      {desire.tags.length > 0 && (
        <ul className="desire-tags" aria-label="Tags">
          {desire.tags.map((tag) => (
            <li key={tag} className="desire-tag">
              #{tag}
            </li>
          ))}
        </ul>
      )}
      <p className="desire-byline muted">
        by <Link to={`/u/${encodeURIComponent(desire.author.username)}`}>{desire.author.username}</Link> ·{' '}
        {dateFormat.format(new Date(desire.createdAt))}
        {desire.status !== 'open' && (
          <span className={`desire-status status-${desire.status}`}> · {desire.status}</span>
        )}
      </p>
      <DesireStats desire={desire} />
      <DesireFulfilled desire={desire} />
      <DesireActions desire={desire} />
    </article>
  );
}
