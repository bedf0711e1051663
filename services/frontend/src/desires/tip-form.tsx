import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { MAX_TIP_POINTS } from '@fractafrag/contracts';
import { fetchMe, meKey } from '../api/desires.ts';
import { InlineError } from '../ui/page-state.tsx';

interface TipFormProps {
  onTip: (points: number) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  onDone: () => void;
}

/** Points from my balance to a desire's bounty; the balance is shown next to the amount. */
export function TipForm({ onTip, pending, error, onDone }: TipFormProps) {
  const id = useId();
  const [points, setPoints] = useState('10');
  const me = useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal) });
  const balance = me.data?.points;
  const amount = Number(points);
  const invalid = !Number.isInteger(amount) || amount < 1 || amount > MAX_TIP_POINTS;
  const tooMuch = balance !== undefined && amount > balance;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid || tooMuch) return;
    try {
      await onTip(amount);
      onDone();
    } catch {
      // Shown by InlineError from the mutation's error.
    }
  };

  return (
    <form className="tip-form" onSubmit={(e) => void submit(e)} data-testid="tip-form">
      <label className="tip-field" htmlFor={id}>
        <span>Points</span>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.min(MAX_TIP_POINTS, balance ?? MAX_TIP_POINTS)}
          step={1}
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          aria-describedby={`${id}-balance`}
          required
        />
      </label>
      <span id={`${id}-balance`} className="muted balance" data-testid="balance">
        {balance === undefined ? 'Loading your balance…' : `You have ${balance} points`}
      </span>
      <button type="submit" className="button button-small" disabled={pending || invalid || tooMuch}>
        {pending ? 'Tipping…' : 'Tip'}
      </button>
      <button type="button" className="button button-quiet button-small" onClick={onDone}>
        Cancel
      </button>
      {tooMuch && <p className="error-message inline-message">That is more than your balance.</p>}
      <InlineError error={error} />
    </form>
  );
}
