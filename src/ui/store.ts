/** One store of immutable snapshots; components read it through selectors. */
import { create } from 'zustand';
import type { NodeView } from '../sim/types';

export interface ClusterSnapshot {
  readonly now: number;
  readonly nodes: readonly NodeView[];
  readonly leader: number | null;
  readonly violations: readonly string[];
  readonly messagesInFlight: number;
}

interface State {
  snapshot: ClusterSnapshot | null;
  setSnapshot: (s: ClusterSnapshot) => void;
}

export const useClusterStore = create<State>((set) => ({
  snapshot: null,
  setSnapshot: (snapshot) => set({ snapshot }),
}));
