import type { DurableState, Entry, HardState, Ready } from '../raft/types';

/** The storage operations of one Ready: truncate, then append, plus the hard state. */
export type PersistOps = Pick<Ready, 'hardState' | 'truncateFrom' | 'append'>;

export function hasPersistOps(ops: PersistOps): boolean {
  return ops.hardState !== null || ops.truncateFrom !== null || ops.append.length > 0;
}

/**
 * Durable storage of one node, in memory: what survives a crash in the simulator.
 * Writes are synchronous, so they are durable before the host sends anything.
 */
export class MemoryStorage {
  private hardState: HardState = { term: 0, votedFor: null };
  private entries: Entry[] = [];

  /** Forgets everything (the state now lives elsewhere, or a wipe). */
  reset(state: DurableState = { hardState: { term: 0, votedFor: null }, log: [] }): void {
    this.hardState = state.hardState;
    this.entries = state.log.slice();
  }

  load(): DurableState {
    return { hardState: this.hardState, log: this.entries.slice() };
  }

  persist(ops: PersistOps): void {
    if (ops.hardState !== null) this.hardState = ops.hardState;
    if (ops.truncateFrom !== null) this.entries.length = Math.max(0, ops.truncateFrom - 1);
    for (const e of ops.append) {
      if (e.index !== this.entries.length + 1) {
        throw new Error(`storage: append at index ${e.index}, expected ${this.entries.length + 1}`);
      }
      this.entries.push(e);
    }
  }

  get term(): number {
    return this.hardState.term;
  }
  get votedFor(): number | null {
    return this.hardState.votedFor;
  }
  get log(): readonly Entry[] {
    return this.entries;
  }
}
