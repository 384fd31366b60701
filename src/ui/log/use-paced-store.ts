/**
 * Like useStableStore, but a view that changes many times a second (the log grid at full
 * speed) re-renders at most once per `intervalMs`: the first change shows at once, later
 * ones within the interval wait for its end, and the last one always shows. Changes that
 * `urgent` names (what the user just did, such as selecting a node) never wait.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';

export function usePacedStore<T>(
  selector: (s: StoreState) => T,
  equal: (a: T, b: T) => boolean,
  intervalMs: number,
  urgent: (shown: T, next: T) => boolean,
): T {
  const [value, setValue] = useState(() => selector(useStore.getState()));
  const shown = useRef(value);
  // The subscription reads these through refs: it is made once, for the component's life.
  const props = useRef({ selector, equal, intervalMs, urgent });
  props.current = { selector, equal, intervalMs, urgent };

  useEffect(() => {
    let lastShownAt = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offer = () => {
      const p = props.current;
      const next = p.selector(useStore.getState());
      if (p.equal(shown.current, next)) return;
      const now = performance.now();
      const wait = lastShownAt + p.intervalMs - now;
      if (wait <= 0 || p.urgent(shown.current, next)) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        lastShownAt = now;
        shown.current = next;
        setValue(next);
      } else if (timer === null) {
        timer = setTimeout(() => {
          timer = null;
          lastShownAt = Number.NEGATIVE_INFINITY;
          offer();
        }, wait);
      }
    };
    offer();
    const unsubscribe = useStore.subscribe(offer);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, []);

  return value;
}
