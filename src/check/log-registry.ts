/**
 * Log matching, checked incrementally: every (index, term) pair ever stored must always
 * carry the same command and follow the same previous term. By induction on the index,
 * two logs that share an (index, term) are then identical up to that index.
 */
import type { Entry } from '../raft/types';

interface Seen {
  readonly term: number;
  readonly command: unknown;
  readonly prevTerm: number;
}

export function sameCommand(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class LogRegistry {
  /** byIndex[i - 1]: every distinct term seen at index i, usually just one. */
  private readonly byIndex: (readonly Seen[])[] = [];

  /** Records an entry; returns a sentence if it clashes with what was seen before. */
  add(e: Entry, prevTerm: number): string | null {
    const seen = this.byIndex[e.index - 1] ?? [];
    const same = seen.find((s) => s.term === e.term);
    if (same === undefined) {
      // Replaced, never changed, and frozen: copies of the state (checkpoints) share it.
      const added = Object.freeze({ term: e.term, command: e.command, prevTerm });
      this.byIndex[e.index - 1] = Object.freeze([...seen, added]);
      return null;
    }
    if (!sameCommand(same.command, e.command)) {
      return `stored entry ${e.index} of term ${e.term} with a different command than another log`;
    }
    if (same.prevTerm !== prevTerm) {
      return `stored entry ${e.index} of term ${e.term} after an entry of term ${prevTerm}, where another log has term ${same.prevTerm}`;
    }
    return null;
  }
}
