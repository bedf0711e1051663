import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import type { Comment } from '@fractafrag/contracts';
import { addComment, deleteComment, fetchComments, shaderKeys } from '../api/shaders.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { InlineError, PageError, PageLoading } from '../ui/page-state.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const MAX_COMMENT = 5000;

function CommentItem({ comment, shaderId }: { comment: Comment; shaderId: string }) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteComment(comment.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shaderKeys.comments(shaderId) }),
  });
  const canDelete =
    !comment.deleted &&
    user !== null &&
    (comment.author?.id === user.id || user.role === 'moderator' || user.role === 'admin');
  return (
    <li className="comment" data-testid="comment">
      <div className="comment-head">
        {comment.author ? (
          <Link to={`/u/${encodeURIComponent(comment.author.username)}`}>{comment.author.username}</Link>
        ) : (
          <span className="muted">deleted</span>
        )}
        <time className="muted" dateTime={comment.createdAt}>
          {dateFormat.format(new Date(comment.createdAt))}
        </time>
        {canDelete ? (
          <button
            type="button"
            className="link-button"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
            aria-label="Delete your comment"
          >
            Delete
          </button>
        ) : null}
      </div>
      {comment.deleted ? (
        <p className="muted">This comment was deleted.</p>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      <InlineError error={remove.error} />
    </li>
  );
}

function CommentForm({ shaderId }: { shaderId: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: (body: string) => addComment(shaderId, body),
    onSuccess: () => {
      setText('');
      return queryClient.invalidateQueries({ queryKey: shaderKeys.comments(shaderId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate(text.trim());
  };
  return (
    <form className="comment-form" onSubmit={submit}>
      <label className="field">
        <span>Add a comment</span>
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={MAX_COMMENT}
          rows={3}
          required
          data-testid="comment-input"
        />
      </label>
      <InlineError error={add.error} />
      <button type="submit" className="button button-small" disabled={add.isPending || !text.trim()}>
        {add.isPending ? 'Posting…' : 'Post comment'}
      </button>
    </form>
  );
}

/** Comments on the shader; signed-in users add theirs and delete their own. */
export function CommentsPanel({ shaderId }: { shaderId: string }) {
  const { user } = useAuth();
  const location = useLocation();
  const comments = useInfiniteQuery({
    queryKey: shaderKeys.comments(shaderId),
    queryFn: ({ pageParam, signal }) => fetchComments(shaderId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

  let list;
  if (comments.isPending) list = <PageLoading label="Loading comments…" />;
  else if (comments.isError)
    list = <PageError error={comments.error} onRetry={() => void comments.refetch()} />;
  else {
    const items = comments.data.pages.flatMap((page) => page.items);
    list =
      items.length === 0 ? (
        <p className="muted">No comments yet. Say what you like about it.</p>
      ) : (
        <ul className="comment-list">
          {items.map((comment) => (
            <CommentItem key={comment.id} comment={comment} shaderId={shaderId} />
          ))}
        </ul>
      );
  }
  return (
    <div className="comments" data-testid="comments-panel">
      {list}
      {comments.hasNextPage ? (
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => void comments.fetchNextPage()}
        >
          More comments
        </button>
      ) : null}
      {user ? (
        <CommentForm shaderId={shaderId} />
      ) : (
        <p className="muted">
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>Log in</Link> to comment.
        </p>
      )}
    </div>
  );
}
