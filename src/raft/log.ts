import type { Entry, SnapshotMeta } from './types';

/**
 * The in-memory log of one node, 1-based, after its snapshot: entries up to `offset` are
 * compacted into the snapshot (chapter 5), whose last entry's term is `snapshotTerm`.
 * Entries are immutable and may be shared with other nodes in process, so nothing here
 * mutates an entry.
 */
export class RaftLog {
  private entries: Entry[];
  private offset: number;
  private snapshotTerm: number;

  constructor(entries: readonly Entry[] = [], snapshot: SnapshotMeta | null = null) {
    this.offset = snapshot?.index ?? 0;
    this.snapshotTerm = snapshot?.term ?? 0;
    entries.forEach((e, i) => {
      if (e.index !== this.offset + i + 1)
        throw new Error(`log entry at position ${i} has index ${e.index}`);
    });
    this.entries = entries.slice();
  }

  /** The last index the snapshot covers (0 without one). */
  get snapshotIndex(): number {
    return this.offset;
  }

  get lastIndex(): number {
    return this.offset + this.entries.length;
  }

  get lastTerm(): number {
    return this.term(this.lastIndex);
  }

  /**
   * Term of the entry at `index`; 0 for index 0; the snapshot's term at its index; -1 when
   * the index is past the end or compacted away (unknown).
   */
  term(index: number): number {
    if (index === 0) return 0;
    if (index === this.offset) return this.snapshotTerm;
    if (index < this.offset) return -1;
    const e = this.entries[index - this.offset - 1];
    return e === undefined ? -1 : e.term;
  }

  entry(index: number): Entry | undefined {
    return index <= this.offset ? undefined : this.entries[index - this.offset - 1];
  }

  /** Up to `countMax` entries starting at `from` (> snapshotIndex). */
  slice(from: number, countMax: number): Entry[] {
    const start = from - this.offset - 1;
    return this.entries.slice(start, Math.min(start + countMax, this.entries.length));
  }

  /** Entries in [from, to], both inclusive (from > snapshotIndex). */
  range(from: number, to: number): Entry[] {
    return this.entries.slice(from - this.offset - 1, to - this.offset);
  }

  /** The entries after the snapshot. */
  all(): readonly Entry[] {
    return this.entries;
  }

  append(entry: Entry): void {
    if (entry.index !== this.lastIndex + 1) {
      throw new Error(`append at index ${entry.index}, expected ${this.lastIndex + 1}`);
    }
    this.entries.push(entry);
  }

  /** Removes every entry with index >= from (never the snapshot's). */
  truncateFrom(from: number): void {
    this.entries.length = Math.max(0, from - this.offset - 1);
  }

  /** Drops the entries up to `index` (which it holds): they are in a snapshot now. */
  compact(index: number): void {
    const term = this.term(index);
    if (index <= this.offset || term < 0) throw new Error(`cannot compact the log at ${index}`);
    this.entries = this.entries.slice(index - this.offset);
    this.offset = index;
    this.snapshotTerm = term;
  }

  /** Replaces the whole log with a snapshot's end: nothing after it is kept. */
  resetTo(snapshot: SnapshotMeta): void {
    this.entries = [];
    this.offset = snapshot.index;
    this.snapshotTerm = snapshot.term;
  }

  /** First index whose term is `term` (terms never decrease along a log); 0 if none. */
  firstIndexOfTerm(term: number, atOrBefore: number): number {
    let lo = this.offset + 1;
    let hi = Math.min(atOrBefore, this.lastIndex);
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.term(mid);
      if (t >= term) {
        if (t === term) found = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found;
  }

  /** Last index at or before `atOrBefore` whose term is `term`; 0 if none. */
  lastIndexOfTerm(term: number, atOrBefore: number): number {
    let lo = this.offset + 1;
    let hi = Math.min(atOrBefore, this.lastIndex);
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.term(mid);
      if (t <= term) {
        if (t === term) found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
