/** The history view's own state (which stretch of time it shows), kept across tab switches. */
import { create } from 'zustand';
import type { HistoryOp } from '../../kv/history';
import { useStore } from '../store/store';
import type { Viewport } from './viewport';

export const useHistoryUi = create<{ viewport: Viewport }>(() => ({ viewport: { mode: 'all' } }));

export function setViewport(viewport: Viewport): void {
  useHistoryUi.setState({ viewport });
}

/** Applies a viewport change computed from the current one, the ops and now. */
export function change(f: (v: Viewport, ops: readonly HistoryOp[], now: number) => Viewport): void {
  const s = useStore.getState();
  setViewport(f(useHistoryUi.getState().viewport, s.history.ops, s.view?.now ?? 0));
}
