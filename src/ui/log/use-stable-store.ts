/**
 * Selects derived data from the store and keeps the previous value while `equal` says
 * nothing changed (what useShallow does, with a comparison of our choosing). The store gets
 * a new view every frame; this is how a view re-renders only when what it draws changed.
 */
import { useRef } from 'react';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';

export function useStableStore<T>(
  selector: (s: StoreState) => T,
  equal: (a: T, b: T) => boolean,
): T {
  const previous = useRef<{ value: T } | null>(null);
  return useStore((s) => {
    const next = selector(s);
    const prev = previous.current;
    if (prev !== null && equal(prev.value, next)) return prev.value;
    previous.current = { value: next };
    return next;
  });
}
