import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { createDesire, desireKeys } from '../api/desires.ts';
import { InlineError } from '../ui/page-state.tsx';

const parseTags = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);

/** Post a desire: a prompt, optional details and tags. */
export function DesireForm({ onCreated }: { onCreated: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState('');
  const [details, setDetails] = useState('');
  const [tags, setTags] = useState('');
  const create = useMutation({
    mutationFn: () => createDesire({ prompt: prompt.trim(), details: details.trim(), tags: parseTags(tags) }),
    onSuccess: async () => {
      setPrompt('');
      setDetails('');
      setTags('');
      await queryClient.invalidateQueries({ queryKey: desireKeys.all });
      onCreated();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <form className="desire-form" onSubmit={submit} data-testid="desire-form">
      <h2>What would you like to see?</h2>
      <label className="field" htmlFor={`${id}-prompt`}>
        <span>Desire</span>
        <input
          id={`${id}-prompt`}
          value={prompt}
          required
          minLength={3}
          maxLength={500}
          placeholder="slow dark ragdoll physics with neon glow"
          onChange={(e) => setPrompt(e.target.value)}
        />
      </label>
      <label className="field" htmlFor={`${id}-details`}>
        <span>Details (optional)</span>
        <textarea
          id={`${id}-details`}
          rows={3}
          maxLength={5000}
          value={details}
          placeholder="Mood, colours, references…"
          onChange={(e) => setDetails(e.target.value)}
        />
      </label>
      <label className="field" htmlFor={`${id}-tags`}>
        <span>Tags (optional, comma-separated)</span>
        <input
          id={`${id}-tags`}
          value={tags}
          placeholder="neon, physics"
          onChange={(e) => setTags(e.target.value)}
        />
      </label>
      <InlineError error={create.error} />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Posting…' : 'Post desire'}
      </button>
    </form>
  );
}
