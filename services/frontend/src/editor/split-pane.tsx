import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

interface SplitPaneProps {
  start: ReactNode;
  end: ReactNode;
  /** Share of the width given to `start`, in percent. */
  initialPercent?: number;
  label: string;
}

const MIN_PERCENT = 20;
const MAX_PERCENT = 80;
const KEY_STEP = 5;
const clamp = (percent: number) => Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, percent));

/**
 * Two panes side by side with a draggable divider that is also a focusable ARIA separator:
 * arrows move it by 5 %, Home and End to the limits. On narrow screens the panes stack (CSS).
 */
export function SplitPane({ start, end, initialPercent = 50, label }: SplitPaneProps) {
  const [percent, setPercent] = useState(initialPercent);
  const containerRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const fromPointer = (event: PointerEvent) => {
    const rect = containerRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    setPercent(clamp(((event.clientX - rect.left) / rect.width) * 100));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.preventDefault();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) fromPointer(event);
  };
  const onPointerUp = () => {
    dragging.current = false;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next: Record<string, number> = {
      ArrowLeft: percent - KEY_STEP,
      ArrowRight: percent + KEY_STEP,
      ArrowUp: percent - KEY_STEP,
      ArrowDown: percent + KEY_STEP,
      Home: MIN_PERCENT,
      End: MAX_PERCENT,
    };
    const value = next[event.key];
    if (value === undefined) return;
    event.preventDefault();
    setPercent(clamp(value));
  };

  return (
    <div
      className="split"
      ref={containerRef}
      style={{ gridTemplateColumns: `minmax(0, ${percent}fr) auto minmax(0, ${100 - percent}fr)` }}
    >
      <div className="split-pane">{start}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={MIN_PERCENT}
        aria-valuemax={MAX_PERCENT}
        aria-valuenow={Math.round(percent)}
        tabIndex={0}
        data-testid="split-handle"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      <div className="split-pane">{end}</div>
    </div>
  );
}
