// The Wing & Gong / Lowe search for one partition (porcupine's `checkSingle`): try to
// linearize, in turn, each call that precedes the first pending return; backtrack when
// that return is reached with its op still unplaced. Iterative (explicit stack), so a
// deep history cannot overflow the JS stack, and resumable (`run(stepsMax)`), so several
// partitions can take turns, as porcupine runs them in parallel: an easy illegal key is
// then found even when a hard legal key comes first.
//
// Ops that never returned (ret = Infinity: outcome unknown) stay out of the event list.
// They may take effect at any point after their call, or never, so the search succeeds
// once every op that returned is placed, and tries a pending op only at a dead end, after
// the ops that returned: a crashed client's write then costs nothing unless a read needs
// it, instead of multiplying the search by every subset of pending writes.

import { buildEventList, type EventList, lift, NIL, unlift } from './event-list';
import { LinearizedSet } from './memo';
import type { Model, Operation } from './model';

/** Op indices refer to the `ops` array the search was built with. */
export type SearchResult =
  | { kind: 'ok'; order: number[] }
  | { kind: 'illegal'; longestPrefix: number[]; unorderable: number[] };

interface Witness {
  longestPrefix: number[];
  unorderable: number[];
}

const NOT_PENDING = -1;

export class PartitionSearch<S, I, O> {
  private readonly list: EventList; // ops that returned
  private readonly pendingIds: number[]; // ops that never returned, by call time
  private readonly linearized: LinearizedSet<S>;
  // Memo bit per op: returned ops by call time, then pending ones, so that the linearized
  // set is mostly a prefix of the bits, which the memo stores compactly.
  private readonly bitOf: Int32Array;
  // Per depth: the op placed, the state before it, and where its scan resumes on undo:
  // its call event, or for a pending op, its index in pendingIds and the dead end's return.
  private readonly stackOp: Int32Array;
  private readonly stackState: S[];
  private readonly stackEntry: Int32Array;
  private readonly stackPending: Int32Array;
  private depth = 0;
  private state: S;
  private entry: number; // scan position in the list
  private pendingAt = NOT_PENDING; // scan position in pendingIds, once the list's are tried
  private witness: Witness | null = null;
  private result: SearchResult | null = null;

  constructor(
    private readonly ops: readonly Operation<I, O>[],
    private readonly model: Model<S, I, O>,
  ) {
    const byCall = ops.map((_, id) => id).sort((a, b) => ops[a].call - ops[b].call || a - b);
    const returned = byCall.filter((id) => ops[id].ret !== Number.POSITIVE_INFINITY);
    this.pendingIds = byCall.filter((id) => ops[id].ret === Number.POSITIVE_INFINITY);
    this.bitOf = new Int32Array(ops.length);
    [...returned, ...this.pendingIds].forEach((id, bit) => {
      this.bitOf[id] = bit;
    });
    this.list = buildEventList(ops, returned);
    this.linearized = new LinearizedSet<S>(ops.length, model.equal, model.hashState);
    this.stackOp = new Int32Array(ops.length);
    this.stackState = new Array(ops.length);
    this.stackEntry = new Int32Array(ops.length);
    this.stackPending = new Int32Array(ops.length);
    this.state = model.init();
    this.entry = this.list.next[this.list.head];
  }

  /** Advance by at most `stepsMax` steps; null while undecided. */
  run(stepsMax: number): SearchResult | null {
    const { next, match, head } = this.list;
    for (let steps = 0; this.result === null && steps < stepsMax; steps++) {
      if (next[head] === NIL) {
        this.result = { kind: 'ok', order: this.prefix() };
      } else if (this.pendingAt !== NOT_PENDING) {
        this.tryPending();
      } else if (match[this.entry] === NIL) {
        this.pendingAt = 0; // at the first pending return: the list's candidates are tried
      } else {
        this.tryCall();
      }
    }
    return this.result;
  }

  private tryCall(): void {
    const { list, entry } = this;
    if (this.tryPlace(list.opOf[entry], entry, NOT_PENDING)) {
      lift(list, entry);
      this.entry = list.next[list.head];
    } else {
      this.entry = list.next[entry];
    }
  }

  /** Pending ops called before the first pending return may go next; after that, undo. */
  private tryPending(): void {
    const k = this.pendingAt;
    const deadline = this.ops[this.list.opOf[this.entry]].ret;
    if (k >= this.pendingIds.length || this.ops[this.pendingIds[k]].call > deadline) {
      this.backtrack();
      return;
    }
    const id = this.pendingIds[k];
    if (!this.linearized.has(this.bitOf[id]) && this.tryPlace(id, this.entry, k)) {
      this.pendingAt = NOT_PENDING;
      this.entry = this.list.next[this.list.head];
    } else {
      this.pendingAt = k + 1;
    }
  }

  /** Place op `id` next if the model allows it and the result is a new visit. */
  private tryPlace(id: number, entry: number, pendingAt: number): boolean {
    const op = this.ops[id];
    const stepped = this.model.step(this.state, op.input, op.output);
    if (!stepped.ok || !this.linearized.tryAdd(this.bitOf[id], stepped.state)) return false;
    const depth = this.depth++;
    this.stackOp[depth] = id;
    this.stackState[depth] = this.state;
    this.stackEntry[depth] = entry;
    this.stackPending[depth] = pendingAt;
    this.state = stepped.state;
    return true;
  }

  /** Every candidate at this depth failed: undo the latest placement, try the next one. */
  private backtrack(): void {
    if (this.witness === null || this.depth > this.witness.longestPrefix.length) {
      this.witness = { longestPrefix: this.prefix(), unorderable: this.candidatesRejected() };
    }
    if (this.depth === 0) {
      this.result = { kind: 'illegal', ...this.witness };
      return;
    }
    const depth = --this.depth;
    const entry = this.stackEntry[depth];
    this.state = this.stackState[depth];
    this.stackState[depth] = undefined as S; // let the state be collected
    this.linearized.remove(this.bitOf[this.stackOp[depth]]);
    if (this.stackPending[depth] === NOT_PENDING) {
      unlift(this.list, entry);
      this.entry = this.list.next[entry];
      this.pendingAt = NOT_PENDING;
    } else {
      this.entry = entry;
      this.pendingAt = this.stackPending[depth] + 1;
    }
  }

  private prefix(): number[] {
    return Array.from(this.stackOp.subarray(0, this.depth));
  }

  /**
   * The ops that returned and could be placed next at a dead end: the calls before the
   * first pending return. Those the model rejects are the ones to blame; if it rejects
   * none (they only led to states explored before), all of them are reported.
   */
  private candidatesRejected(): number[] {
    const { next, match, opOf, head } = this.list;
    const candidates: number[] = [];
    for (let e = next[head]; e !== NIL && match[e] !== NIL; e = next[e]) candidates.push(opOf[e]);
    const rejected = candidates.filter((id) => {
      const op = this.ops[id];
      return !this.model.step(this.state, op.input, op.output).ok;
    });
    return rejected.length > 0 ? rejected : candidates;
  }
}
