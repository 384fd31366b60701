/** One store of immutable snapshots; components read it through selectors. */
import { create } from 'zustand';
import type { FrameUpdate } from '../runtime/controller';

interface State {
  frame: FrameUpdate | null;
  problems: readonly string[];
  setFrame: (frame: FrameUpdate) => void;
  addProblem: (message: string) => void;
}

export const useClusterStore = create<State>((set) => ({
  frame: null,
  problems: [],
  setFrame: (frame) => set({ frame }),
  addProblem: (message) => set((s) => ({ problems: [...s.problems, message].slice(-20) })),
}));
