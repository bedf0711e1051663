import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Desire } from '@fractafrag/contracts';
import { useAuth } from '../auth/auth-context.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { InlineError } from '../ui/page-state.tsx';
import { FulfilDialog } from './fulfil-dialog.tsx';
import { TipForm } from './tip-form.tsx';
import { useDesireActions } from './use-desire-actions.ts';

/** Me too, tip, fulfil and (for its author) close, for an open desire. */
export function DesireActions({ desire }: { desire: Desire }) {
  const { user } = useAuth();
  const location = useLocation();
  const actions = useDesireActions(desire.id);
  const [tipping, setTipping] = useState(false);
  const [fulfilling, setFulfilling] = useState(false);
  const [closing, setClosing] = useState(false);

  if (desire.status !== 'open') return null;
  if (!user) {
    return (
      <p className="muted desire-login">
        <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>Log in</Link> to
        say “me too”, tip or fulfil it.
      </p>
    );
  }
  const mine = desire.author.id === user.id;
  const { support, tip, fulfil, close } = actions;

  return (
    <div className="desire-actions">
      <div className="desire-buttons">
        {!mine && (
          <button
            type="button"
            className="button button-quiet button-small"
            aria-pressed={desire.supportedByMe}
            disabled={support.isPending}
            onClick={() => support.mutate(!desire.supportedByMe)}
            data-testid="me-too"
          >
            {desire.supportedByMe ? '✓ Me too' : 'Me too'}
          </button>
        )}
        <button
          type="button"
          className="button button-quiet button-small"
          aria-expanded={tipping}
          onClick={() => setTipping((t) => !t)}
          data-testid="tip-toggle"
        >
          Tip
        </button>
        {!mine && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setFulfilling(true)}
            data-testid="fulfil-open"
          >
            Fulfil
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={close.isPending}
            onClick={() => setClosing(true)}
          >
            Close
          </button>
        )}
      </div>
      <InlineError error={support.error} />
      {tipping && (
        <TipForm
          onTip={(points) => tip.mutateAsync(points)}
          pending={tip.isPending}
          error={tip.error}
          onDone={() => {
            setTipping(false);
            tip.reset();
          }}
        />
      )}
      {mine && (
        <ConfirmDialog
          open={closing}
          title="Close this desire?"
          confirmLabel="Close it"
          busy={close.isPending}
          onConfirm={() => close.mutate(undefined, { onSuccess: () => setClosing(false) })}
          onCancel={() => setClosing(false)}
        >
          <p>
            Nobody can fulfil it any more. Its bounty of {desire.tipTotal} points goes back to whoever tipped.
          </p>
          <InlineError error={close.error} />
        </ConfirmDialog>
      )}
      {!mine && (
        <FulfilDialog
          open={fulfilling}
          prompt={desire.prompt}
          onClose={() => setFulfilling(false)}
          onFulfil={(shaderId) => fulfil.mutateAsync(shaderId)}
          pending={fulfil.isPending}
          error={fulfil.error}
        />
      )}
    </div>
  );
}
