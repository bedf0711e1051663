import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { ShaderDetail } from '@fractafrag/contracts';
import { fetchMyVote, fetchShadertoyExport, forkShader, shaderKeys } from '../api/shaders.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { VoteButtons } from '../social/vote-buttons.tsx';
import { InlineError } from '../ui/page-state.tsx';

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const fileNameFor = (title: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'shader'
  }.json`;

/** Vote, fork, export and (for the owner) edit. */
export function ShaderActions({ shader }: { shader: ShaderDetail }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const isOwner = user?.id === shader.author.id;
  const myVote = useQuery({
    queryKey: shaderKeys.vote(shader.id),
    queryFn: ({ signal }) => fetchMyVote(shader.id, signal),
    enabled: user !== null && !isOwner,
  });
  const fork = useMutation({
    mutationFn: () => forkShader(shader.id),
    onSuccess: (created) => void navigate(`/s/${created.id}`, { state: { forkedFrom: shader.title } }),
  });
  const exportJson = useMutation({
    mutationFn: () => fetchShadertoyExport(shader.id),
    onSuccess: (json) => download(fileNameFor(shader.title), JSON.stringify(json, null, 2)),
  });
  const onFork = () => {
    if (!user) void navigate(`/login?next=${encodeURIComponent(`/s/${shader.id}`)}`);
    else fork.mutate();
  };

  return (
    <div className="shader-actions" data-testid="shader-actions">
      <div className="action-row">
        <VoteButtons
          // Remount once my vote is known, so the buttons start from it.
          key={myVote.data ? 'known' : 'unknown'}
          shaderId={shader.id}
          authorId={shader.author.id}
          votes={myVote.data?.votes ?? shader.votes}
          myVote={myVote.data?.myVote ?? null}
          size="large"
        />
        <button
          type="button"
          className="button button-quiet"
          onClick={onFork}
          disabled={fork.isPending}
          data-testid="fork"
        >
          {fork.isPending ? 'Forking…' : 'Fork'}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => exportJson.mutate()}
          disabled={exportJson.isPending}
          data-testid="export"
        >
          Export JSON
        </button>
        {isOwner ? (
          <Link className="button" to={`/editor/${shader.id}`} data-testid="edit">
            Edit
          </Link>
        ) : null}
      </div>
      <InlineError error={fork.error ?? exportJson.error} />
    </div>
  );
}
