// The call/return event list of Wing & Gong / Lowe, as in porcupine's `checkSingle`:
// a doubly-linked list in typed arrays, where linearizing an op "lifts" its call and
// return out of the list and backtracking "unlifts" them back in, both in O(1).

import type { Operation } from './model';

export const NIL = -1;

export interface EventList {
  /** The sentinel before the first event; the list is empty when `next[head] === NIL`. */
  head: number;
  next: Int32Array;
  prev: Int32Array;
  /** For a call event, the position of its return event; NIL for return events. */
  match: Int32Array;
  /** The operation (index into the partition's ops) each event belongs to. */
  opOf: Int32Array;
}

/**
 * Events of the ops `ids` in time order. On equal times calls come first (as in
 * porcupine): ops that touch the same instant are treated as concurrent, the permissive
 * reading. Other ties keep op order, so the search is deterministic.
 */
function sortedEvents(
  ops: readonly Operation<unknown, unknown>[],
  ids: readonly number[],
): Int32Array {
  // Event e: even = call, odd = return, of ids[e >> 1].
  const order = Array.from({ length: ids.length * 2 }, (_, e) => e);
  const time = (e: number): number => (e & 1 ? ops[ids[e >> 1]].ret : ops[ids[e >> 1]].call);
  order.sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || a - b);
  return Int32Array.from(order);
}

/** The list of the call and return events of the ops `ids` (which must all return). */
export function buildEventList(
  ops: readonly Operation<unknown, unknown>[],
  ids: readonly number[],
): EventList {
  const size = ids.length * 2;
  const head = size;
  const next = new Int32Array(size + 1);
  const prev = new Int32Array(size + 1);
  const match = new Int32Array(size).fill(NIL);
  const opOf = new Int32Array(size);
  const positionOfCall = new Int32Array(ids.length);
  const events = sortedEvents(ops, ids);
  for (let pos = 0; pos < size; pos++) {
    const event = events[pos];
    opOf[pos] = ids[event >> 1];
    if (event & 1) match[positionOfCall[event >> 1]] = pos;
    else positionOfCall[event >> 1] = pos;
    next[pos] = pos + 1 < size ? pos + 1 : NIL;
    prev[pos] = pos === 0 ? head : pos - 1;
  }
  next[head] = size > 0 ? 0 : NIL;
  prev[head] = NIL;
  return { head, next, prev, match, opOf };
}

/** Take a call event and its return event out of the list. */
export function lift(list: EventList, call: number): void {
  const { next, prev } = list;
  next[prev[call]] = next[call];
  prev[next[call]] = prev[call]; // a call is always followed by its own return, never NIL
  const ret = list.match[call];
  next[prev[ret]] = next[ret];
  if (next[ret] !== NIL) prev[next[ret]] = prev[ret];
}

/** Undo `lift` (must be called in reverse order of the lifts). */
export function unlift(list: EventList, call: number): void {
  const { next, prev } = list;
  const ret = list.match[call];
  next[prev[ret]] = ret;
  if (next[ret] !== NIL) prev[next[ret]] = ret;
  next[prev[call]] = call;
  prev[next[call]] = call;
}
