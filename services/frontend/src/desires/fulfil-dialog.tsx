import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fetchMyShaders } from '../api/shader-writes.ts';
import { InlineError } from '../ui/page-state.tsx';

interface FulfilDialogProps {
  open: boolean;
  prompt: string;
  onClose: () => void;
  onFulfil: (shaderId: string) => Promise<unknown>;
  pending: boolean;
  error: unknown;
}

/** Picks one of my published shaders to fulfil a desire with. */
export function FulfilDialog({ open, prompt, onClose, onFulfil, pending, error }: FulfilDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const shaders = useQuery({
    queryKey: ['my-shaders', 'published', 'picker'],
    queryFn: ({ signal }) => fetchMyShaders('published', null, signal, 100),
    enabled: open,
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    try {
      await onFulfil(chosen);
      onClose();
    } catch {
      // Shown by InlineError.
    }
  };

  const items = shaders.data?.items ?? [];
  return (
    <dialog
      ref={ref}
      className="fulfil-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      data-testid="fulfil-dialog"
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`}>Fulfil this desire</h2>
        <p className="muted fulfil-prompt">“{prompt}”</p>
        {shaders.isPending ? (
          <p role="status">Loading your published shaders…</p>
        ) : shaders.isError ? (
          <InlineError error={shaders.error} />
        ) : items.length === 0 ? (
          <p>
            You have no published shaders yet. <Link to="/new">Write one</Link> and publish it first.
          </p>
        ) : (
          <fieldset className="shader-picker">
            <legend>Choose one of your published shaders</legend>
            {items.map((shader) => (
              <label key={shader.id} className="shader-option" data-testid="shader-option">
                <input
                  type="radio"
                  name={`${id}-shader`}
                  value={shader.id}
                  checked={chosen === shader.id}
                  onChange={() => setChosen(shader.id)}
                />
                {shader.thumbnailUrl ? (
                  <img src={shader.thumbnailUrl} alt="" width={96} height={54} loading="lazy" />
                ) : (
                  <span className="shader-option-thumb thumb-placeholder" aria-hidden="true" />
                )}
                <span className="shader-option-title">{shader.title}</span>
              </label>
            ))}
          </fieldset>
        )}
        <InlineError error={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={!chosen || pending} data-testid="fulfil-submit">
            {pending ? 'Fulfilling…' : 'Fulfil with this shader'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
