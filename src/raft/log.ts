import type { Entry } from './types';

/**
 * The in-memory log of one node, 1-based. Entries are immutable and may be shared with
 * other nodes in process, so nothing here mutates an entry. `offset` leaves room for
 * snapshots (entries up to `offset` compacted away).
 */
export class RaftLog {
  private entries: Entry[];
  private readonly offset = 0;

  constructor(entries: readonly Entry[] = []) {
    entries.forEach((e, i) => {
      if (e.index !== i + 1) throw new Error(`log entry at position ${i} has index ${e.index}`);
    });
    this.entries = entries.slice();
  }

  get lastIndex(): number {
    return this.offset + this.entries.length;
  }

  get lastTerm(): number {
    return this.term(this.lastIndex);
  }

  /** Term of the entry at `index`; 0 for index 0; -1 when the index is past the end. */
  term(index: number): number {
    if (index === 0) return 0;
    const e = this.entries[index - this.offset - 1];
    return e === undefined ? -1 : e.term;
  }

  entry(index: number): Entry | undefined {
    return this.entries[index - this.offset - 1];
  }

  /** Up to `countMax` entries starting at `from`. */
  slice(from: number, countMax: number): Entry[] {
    const start = from - this.offset - 1;
    return this.entries.slice(start, Math.min(start + countMax, this.entries.length));
  }

  /** Entries in [from, to], both inclusive. */
  range(from: number, to: number): Entry[] {
    return this.entries.slice(from - this.offset - 1, to - this.offset);
  }

  all(): readonly Entry[] {
    return this.entries;
  }

  append(entry: Entry): void {
    if (entry.index !== this.lastIndex + 1) {
      throw new Error(`append at index ${entry.index}, expected ${this.lastIndex + 1}`);
    }
    this.entries.push(entry);
  }

  /** Removes every entry with index >= from. */
  truncateFrom(from: number): void {
    this.entries.length = Math.max(0, from - this.offset - 1);
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
