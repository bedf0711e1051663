import { reportEngagement } from '../api/shaders.ts';

/**
 * Measures how long each card is watched (at least half of it in view while the tab is visible) and
 * reports it as a dwell event when the card leaves view, the tab hides or the page goes away.
 * Glances under a second are not reported. One IntersectionObserver serves every card.
 */
const MIN_DWELL_MS = 1000;
const VISIBLE_RATIO = 0.5;

interface Watch {
  shaderId: string;
  /** performance.now() when the current stretch of watching began; null when not watching. */
  since: number | null;
  accumulatedMs: number;
}

const watches = new Map<Element, Watch>();
let observer: IntersectionObserver | null = null;
let listening = false;

const pageVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

function stop(watch: Watch, now: number) {
  if (watch.since === null) return;
  watch.accumulatedMs += now - watch.since;
  watch.since = null;
}

function flush(watch: Watch, keepalive: boolean) {
  const dwellMs = Math.round(watch.accumulatedMs);
  watch.accumulatedMs = 0;
  if (dwellMs < MIN_DWELL_MS) return;
  // Telemetry: a failed report is not worth bothering the user about.
  reportEngagement(watch.shaderId, { kind: 'dwell', dwellMs }, { keepalive }).catch(() => undefined);
}

function onVisibility() {
  const now = performance.now();
  if (pageVisible()) {
    // Resume the cards still in view; the observer keeps their last state in `inView`.
    for (const [element, watch] of watches.entries()) if (inView.has(element)) watch.since = now;
    return;
  }
  for (const watch of watches.values()) {
    stop(watch, now);
    flush(watch, true);
  }
}

const inView = new Set<Element>();

function ensureObserver(): IntersectionObserver | null {
  if (observer || typeof IntersectionObserver === 'undefined') return observer;
  observer = new IntersectionObserver(
    (records) => {
      const now = performance.now();
      for (const record of records) {
        const watch = watches.get(record.target);
        if (!watch) continue;
        if (record.intersectionRatio >= VISIBLE_RATIO) {
          inView.add(record.target);
          if (watch.since === null && pageVisible()) watch.since = now;
        } else {
          inView.delete(record.target);
          stop(watch, now);
          flush(watch, false);
        }
      }
    },
    { threshold: [0, VISIBLE_RATIO] },
  );
  if (!listening) {
    listening = true;
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onVisibility);
  }
  return observer;
}

/** Starts measuring the card; the returned function stops and reports what was watched. */
export function trackDwell(element: Element, shaderId: string): () => void {
  const io = ensureObserver();
  if (!io) return () => undefined;
  watches.set(element, { shaderId, since: null, accumulatedMs: 0 });
  io.observe(element);
  return () => {
    io.unobserve(element);
    inView.delete(element);
    const watch = watches.get(element);
    watches.delete(element);
    if (!watch) return;
    stop(watch, performance.now());
    flush(watch, false);
  };
}
