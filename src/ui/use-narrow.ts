/**
 * Whether the window is phone-narrow (at most 700 px wide, the same width as theme.css's
 * phone rules). A hook, not only CSS, because a phone gets different markup: the panels
 * become one set of tabs and a tap on a node opens a menu instead of the details panel.
 */
import { useSyncExternalStore } from 'react';

export const NARROW_QUERY = '(max-width: 700px)';

/** The query list, made once per matchMedia (isNarrow runs every frame; tests swap it). */
let made: { readonly by: Window['matchMedia']; readonly list: MediaQueryList } | null = null;

function query(): MediaQueryList | null {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return null;
  if (made?.by !== window.matchMedia) {
    made = { by: window.matchMedia, list: window.matchMedia(NARROW_QUERY) };
  }
  return made.list;
}

/** Read once, at the moment of asking (for event handlers outside React). */
export function isNarrow(): boolean {
  return query()?.matches ?? false;
}

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, isNarrow, () => false);
}
