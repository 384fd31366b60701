/**
 * Per-frame text (the virtual clock) without React re-renders: a store subscription writes
 * into a text node it owns, and only when the text changed, so an idle frame touches nothing.
 */
import { type RefObject, useEffect } from 'react';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';

/** Least wall ms between two updates of running text. */
export const TEXT_UPDATE_MS = 200;

export function useFrameText(
  ref: RefObject<HTMLElement | null>,
  text: (s: StoreState) => string,
): void {
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const node = document.createTextNode(text(useStore.getState()));
    el.appendChild(node);
    let written = 0;
    const unsubscribe = useStore.subscribe((s) => {
      // A clock read by people needs no more than a few updates a second.
      const now = performance.now();
      if (now - written < TEXT_UPDATE_MS && !s.playback.paused) return;
      const next = text(s);
      if (node.data !== next) {
        node.data = next;
        written = now;
      }
    });
    return () => {
      unsubscribe();
      node.remove();
    };
  }, [ref, text]);
}
