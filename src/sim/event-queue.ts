/**
 * The scheduler's one priority queue, ordered by (time, sequence): equal times keep
 * insertion order, so a run is deterministic. A binary heap; no scans of all events.
 */
interface Slot<T> {
  readonly time: number;
  readonly seq: number;
  readonly item: T;
}

export class EventQueue<T> {
  private heap: Slot<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0]!.time;
  }

  /** The earliest item, left in the queue. */
  peekItem(): T | undefined {
    return this.heap[0]?.item;
  }

  push(time: number, item: T): void {
    const heap = this.heap;
    const slot: Slot<T> = { time, seq: this.seq++, item };
    // The slot of a frozen item never changes either: checkpoints share both.
    if (Object.isFrozen(item)) Object.freeze(slot);
    let i = heap.length;
    heap.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(slot, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = slot;
  }

  pop(): { time: number; item: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
        if (!before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return { time: top.time, item: top.item };
  }
}

function before<T>(a: Slot<T>, b: Slot<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
