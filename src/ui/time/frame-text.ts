/**
 * Per-frame text (the virtual clock) without React re-renders: a store subscription writes
 * into a text node it owns, and only when the text changed, so an idle frame touches nothing.
 */
import { type RefObject, useEffect } from 'react';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';

export function useFrameText(
  ref: RefObject<HTMLElement | null>,
  text: (s: StoreState) => string,
): void {
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const node = document.createTextNode(text(useStore.getState()));
    el.appendChild(node);
    const unsubscribe = useStore.subscribe((s) => {
      const next = text(s);
      if (node.data !== next) node.data = next;
    });
    return () => {
      unsubscribe();
      node.remove();
    };
  }, [ref, text]);
}
