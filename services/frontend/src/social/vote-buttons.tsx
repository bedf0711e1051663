import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { VoteState } from '@fractafrag/contracts';
import { castVote, shaderKeys } from '../api/shaders.ts';
import { useAuth } from '../auth/auth-context.tsx';

const count = new Intl.NumberFormat(undefined, { notation: 'compact' });

interface VoteButtonsProps {
  shaderId: string;
  authorId: string;
  votes: { up: number; down: number };
  /** The caller's vote when known (the shader page asks for it; feed cards learn it on voting). */
  myVote?: 1 | -1 | null;
  size?: 'small' | 'large';
}

/**
 * Up and down buttons with counts. Pressing the active one takes the vote back. Visitors are sent
 * to log in first; authors cannot vote on their own shaders, so their buttons are disabled.
 */
export function VoteButtons({ shaderId, authorId, votes, myVote, size = 'small' }: VoteButtonsProps) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<Pick<VoteState, 'votes' | 'myVote'> | null>(null);
  const current = state ?? { votes, myVote: myVote ?? null };
  const vote = useMutation({
    mutationFn: (value: 1 | -1 | null) => castVote(shaderId, value),
    onSuccess: (reply) => {
      setState({ votes: reply.votes, myVote: reply.myVote });
      queryClient.setQueryData(shaderKeys.vote(shaderId), reply);
    },
  });
  const own = user?.id === authorId;

  const press = (value: 1 | -1) => {
    if (!user) {
      void navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    vote.mutate(current.myVote === value ? null : value);
  };

  const title = own ? 'You cannot vote on your own shader' : undefined;
  return (
    <span className={`votes votes-${size}`} data-testid="vote-buttons">
      <button
        type="button"
        className="vote-button"
        aria-pressed={current.myVote === 1}
        disabled={own || vote.isPending}
        title={title ?? 'Vote up'}
        onClick={() => press(1)}
        data-testid="vote-up"
      >
        <span aria-hidden="true">▲</span> {count.format(current.votes.up)}
        <span className="visually-hidden"> upvotes, vote up</span>
      </button>
      <button
        type="button"
        className="vote-button"
        aria-pressed={current.myVote === -1}
        disabled={own || vote.isPending}
        title={title ?? 'Vote down'}
        onClick={() => press(-1)}
        data-testid="vote-down"
      >
        <span aria-hidden="true">▼</span> {count.format(current.votes.down)}
        <span className="visually-hidden"> downvotes, vote down</span>
      </button>
      {vote.isError ? (
        <span className="error-message vote-error" role="alert">
          {vote.error.message}
        </span>
      ) : null}
    </span>
  );
}
