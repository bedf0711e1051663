import { createContext, use, useEffect, useMemo, useState, type ReactNode, type RefObject } from 'react';
import {
  createLiveCanvasManager,
  type LiveCanvasManager,
  type LiveSlotState,
} from './live-canvas-manager.ts';

/** At most this many live WebGL canvases per page of cards (Chromium keeps about 16 contexts). */
export const MAX_LIVE_CANVASES = 8;

const LiveCanvasContext = createContext<LiveCanvasManager | null>(null);

/** One lease pool for the cards below it (a feed, a list of similar shaders). */
export function LiveCanvasProvider({
  capacity = MAX_LIVE_CANVASES,
  children,
}: {
  capacity?: number;
  children: ReactNode;
}) {
  const [manager, setManager] = useState<LiveCanvasManager | null>(null);
  useEffect(() => {
    const created = createLiveCanvasManager(capacity);
    setManager(created);
    return () => created.dispose();
  }, [capacity]);
  return <LiveCanvasContext value={manager}>{children}</LiveCanvasContext>;
}

const IDLE: LiveSlotState = { leased: false, playing: false };

export interface LiveSlot extends LiveSlotState {
  setHovered: (hovered: boolean) => void;
  markUnavailable: () => void;
}

/** The live-canvas lease of the card at `ref`; without a provider the card never goes live. */
export function useLiveSlot(ref: RefObject<Element | null>): LiveSlot {
  const manager = use(LiveCanvasContext);
  const [state, setState] = useState<LiveSlotState>(IDLE);
  useEffect(() => {
    const element = ref.current;
    if (!manager || !element) return;
    const unregister = manager.register(element, setState);
    return () => {
      unregister();
      setState(IDLE);
    };
  }, [manager, ref]);
  const actions = useMemo(
    () => ({
      setHovered: (hovered: boolean) => {
        if (manager && ref.current) manager.setHovered(ref.current, hovered);
      },
      markUnavailable: () => {
        if (manager && ref.current) manager.markUnavailable(ref.current);
      },
    }),
    [manager, ref],
  );
  return { ...state, ...actions };
}
