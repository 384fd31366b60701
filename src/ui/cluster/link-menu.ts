/**
 * Which link's menu is open (on a phone a tap on a link opens a menu instead of cutting it
 * at once: a finger cannot pick one of the two lanes, nor see what it is about to cut).
 * The cluster view's own state, in a small store like the partition draft.
 */
import { create } from 'zustand';

export interface LinkMenuState {
  /** The two nodes the link joins, or null when no menu is open. */
  readonly pair: readonly [number, number] | null;
}

export const useLinkMenu = create<LinkMenuState>(() => ({ pair: null }));

export function openLinkMenu(a: number, b: number): void {
  useLinkMenu.setState({ pair: a < b ? [a, b] : [b, a] });
}

export function closeLinkMenu(): void {
  if (useLinkMenu.getState().pair !== null) useLinkMenu.setState({ pair: null });
}
