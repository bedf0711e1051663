import { useEffect, useEffectEvent, useRef } from 'react';

/**
 * Calls `onVisible` when the returned ref's element comes within `rootMargin` of the viewport.
 * The observer is rebuilt whenever `enabled` turns on again, so a sentinel that is still on screen
 * after a page loads asks for the next one at once.
 */
export function useSentinel<E extends Element>(
  onVisible: () => void,
  enabled: boolean,
  rootMargin = '600px',
) {
  const ref = useRef<E>(null);
  const notify = useEffectEvent(onVisible);
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) notify();
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled, rootMargin]);
  return ref;
}
