/**
 * Decides which feed cards may hold a live WebGL canvas. Browsers cap live contexts (Chromium keeps
 * about 16 and silently drops the oldest), so a page hands out at most `capacity` leases:
 *   - a card that is hovered, focused or asked to replay comes first, then the cards most in view;
 *   - a leased card that scrolls away is paused but keeps its canvas while no one else needs it, so
 *     scrolling back resumes at once; when a slot is needed the one out of view longest is evicted;
 *   - a card whose shader cannot run live (no WebGL2, compile error) is skipped until it re-registers.
 */

export interface LiveSlotState {
  /** May hold a canvas (a WebGL context). */
  leased: boolean;
  /** Should animate: leased and in view (or hovered). */
  playing: boolean;
}

interface Entry {
  readonly order: number;
  readonly onChange: (state: LiveSlotState) => void;
  ratio: number;
  hovered: boolean;
  unavailable: boolean;
  /** When the card last wanted to play; eviction order for paused canvases. */
  lastWantedAt: number;
  state: LiveSlotState;
}

export interface LiveCanvasManager {
  readonly capacity: number;
  /** Starts tracking a card; the callback hears every change of its state. Returns the unregister. */
  register(element: Element, onChange: (state: LiveSlotState) => void): () => void;
  /** Pointer over or keyboard focus in the card (or a replay request): it goes first. */
  setHovered(element: Element, hovered: boolean): void;
  /** The card cannot run live (no WebGL2, compile error): give its slot to another. */
  markUnavailable(element: Element): void;
  /** How many leases are out (for tests and debugging). */
  leasedCount(): number;
  dispose(): void;
}

/** A card counts as in view once this much of it shows. */
const MIN_VISIBLE_RATIO = 0.2;
const THRESHOLDS = [0, MIN_VISIBLE_RATIO, 0.5, 0.75, 1];

export function createLiveCanvasManager(capacity = 8, now: () => number = () => performance.now()) {
  const entries = new Map<Element, Entry>();
  let nextOrder = 0;
  let scheduled = false;

  const wants = (entry: Entry) => !entry.unavailable && (entry.hovered || entry.ratio >= MIN_VISIBLE_RATIO);

  const assign = () => {
    scheduled = false;
    const t = now();
    const all = [...entries.values()];
    for (const entry of all) if (wants(entry)) entry.lastWantedAt = t;
    const wanted = all.filter(wants).sort(
      (a, b) =>
        Number(b.hovered) - Number(a.hovered) ||
        // Keep what already runs: a card does not lose its canvas to an equally visible one.
        Number(b.state.leased) - Number(a.state.leased) ||
        b.ratio - a.ratio ||
        a.order - b.order,
    );
    const leased = new Set(wanted.slice(0, capacity));
    const paused = all
      .filter((entry) => entry.state.leased && !entry.unavailable && !leased.has(entry))
      .sort((a, b) => b.lastWantedAt - a.lastWantedAt);
    for (const entry of paused) {
      if (leased.size >= capacity) break;
      leased.add(entry);
    }
    for (const entry of all) {
      const next: LiveSlotState = { leased: leased.has(entry), playing: leased.has(entry) && wants(entry) };
      if (next.leased === entry.state.leased && next.playing === entry.state.playing) continue;
      entry.state = next;
      entry.onChange(next);
    }
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(assign);
  };

  const observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (records) => {
            for (const record of records) {
              const entry = entries.get(record.target);
              if (entry) entry.ratio = record.isIntersecting ? record.intersectionRatio : 0;
            }
            schedule();
          },
          { threshold: THRESHOLDS },
        );

  const manager: LiveCanvasManager = {
    capacity,
    register(element, onChange) {
      entries.set(element, {
        order: nextOrder++,
        onChange,
        ratio: 0,
        hovered: false,
        unavailable: false,
        lastWantedAt: 0,
        state: { leased: false, playing: false },
      });
      observer?.observe(element);
      return () => {
        observer?.unobserve(element);
        entries.delete(element);
        schedule();
      };
    },
    setHovered(element, hovered) {
      const entry = entries.get(element);
      if (!entry || entry.hovered === hovered) return;
      entry.hovered = hovered;
      schedule();
    },
    markUnavailable(element) {
      const entry = entries.get(element);
      if (!entry || entry.unavailable) return;
      entry.unavailable = true;
      schedule();
    },
    leasedCount: () => [...entries.values()].filter((entry) => entry.state.leased).length,
    dispose() {
      observer?.disconnect();
      entries.clear();
    },
  };
  return Object.assign(manager, {
    /** For tests without IntersectionObserver: set how much of a card shows. */
    setVisibleRatio(element: Element, ratio: number) {
      const entry = entries.get(element);
      if (!entry) return;
      entry.ratio = ratio;
      schedule();
    },
  });
}
