/**
 * Several steps' storage operations merged into one, so they can share one IndexedDB
 * transaction (group commit). Order matters: a later truncation removes entries an
 * earlier step appended; the merged batch truncates stored entries first, then appends.
 */
import type { Entry, HardState } from '../raft/types';
import type { PersistOps } from '../sim/memory-storage';

export class WriteBatch {
  hardState: HardState | null = null;
  truncateFrom: number | null = null;
  append: Entry[] = [];
  /** The lowest and highest step sequence numbers whose writes this batch holds. */
  firstSeq = 0;
  lastSeq = 0;

  get isEmpty(): boolean {
    return this.hardState === null && this.truncateFrom === null && this.append.length === 0;
  }

  add(ops: PersistOps, seq: number): void {
    if (ops.hardState !== null) this.hardState = ops.hardState;
    if (ops.truncateFrom !== null) {
      const from = ops.truncateFrom;
      const pendingFirst = this.append[0]?.index ?? Infinity;
      // Entries not yet written are simply dropped; stored ones need a delete.
      if (from < pendingFirst) this.truncateFrom = Math.min(this.truncateFrom ?? Infinity, from);
      while (this.append.length > 0 && this.append[this.append.length - 1]!.index >= from)
        this.append.pop();
    }
    for (const e of ops.append) this.append.push(e);
    if (this.firstSeq === 0) this.firstSeq = seq;
    this.lastSeq = Math.max(this.lastSeq, seq);
  }
}
