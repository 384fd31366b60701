/**
 * Snapshots of a state that grows (checkpoints of a long run: issue 9, part 4). A log of
 * 90,000 entries is 90,000 references, and copying them into every checkpoint is most of
 * a checkpoint's memory and time, though only its tail changed since the last one. So a
 * snapshot keeps each long array as chunks of shareable values (primitives and frozen
 * objects), and the next snapshot shares every chunk whose values have not changed. A
 * chunk only grows: a snapshot uses its first so many items, and a later one may add
 * items after them (a growing tail costs only the new items). Restoring a snapshot is a
 * copy like copyOfState's: the snapshot stays untouched however the restored state runs.
 * A Restorer can restore into the long arrays of a state it restored before and that is
 * no longer used, so a seek does not allocate (and leave to the collector) a whole log.
 */
import { isShareable, StateCopier } from './state-copy';

/** Arrays at least this long are kept as chunks of this many elements. */
const CHUNK = 512;
/**
 * Sizes for the memory estimate, measured on V8 (a snapshot of a 10-minute run): an array
 * slot is a pointer; an object copied field by field costs more than its header and
 * pointers (property storage, boxed numbers).
 */
const SLOT_BYTES = 8;
const CHUNK_BYTES = 88;
const OBJECT_BYTES = 48;
const FIELD_BYTES = 12;

interface Chunk {
  /** Append-only: a snapshot's view of the chunk is a prefix. */
  items: unknown[];
  /** Every item is shareable, so a restore takes the items as they are. */
  readonly shareable: boolean;
}

/**
 * A long array in a snapshot: the first `length` items of its chunks laid end to end
 * (all but the last chunk it uses are full). The list of chunks only grows too, shared
 * by snapshots that use a prefix of it. `origin` stands for the live array, the same in
 * every snapshot of it. Not frozen: a restore must meet it, not share it.
 */
class ChunkedArray {
  /** Set once its chunks are made (it is remembered first: an item may refer back to it). */
  chunks: readonly Chunk[] = [];

  constructor(
    readonly length: number,
    readonly origin: object,
  ) {}

  /** How many of `chunks` it uses. */
  get used(): number {
    return Math.ceil(this.length / CHUNK);
  }
}

/** Long arrays of a restored state, by the origin of their ChunkedArray. */
type ArraysByOrigin = Map<object, unknown[]>;

export class Snapshot<T> {
  /** @internal made by Snapshots.take. */
  constructor(
    private readonly root: unknown,
    /** Estimated bytes of what it holds outside chunks. */
    readonly ownBytes: number,
    /** Estimated bytes it added to what the snapshot before holds. */
    readonly addedBytes: number,
    readonly arrays: readonly ChunkedArray[],
  ) {}

  /** A new, independent state equal to the one taken. */
  restore(): T {
    return new RestoringCopier(new Map()).copy(this.root, 'snapshot') as T;
  }

  /** @internal for Restorer */
  restoreInto(spare: ArraysByOrigin): { state: T; arrays: ArraysByOrigin } {
    const copier = new RestoringCopier(spare);
    return { state: copier.copy(this.root, 'snapshot') as T, arrays: copier.arrays };
  }
}

/**
 * Restores snapshots, reusing the long arrays of the state it restored last once the
 * caller has given that state up (`giveBack`); it must not be used after.
 */
export class Restorer {
  private spare: ArraysByOrigin = new Map();
  private lent: ArraysByOrigin = new Map();

  restore<T>(snapshot: Snapshot<T>): T {
    const { state, arrays } = snapshot.restoreInto(this.spare);
    this.spare = new Map();
    this.lent = arrays;
    return state;
  }

  /** The state restored last is no longer used: its long arrays may be written over. */
  giveBack(): void {
    this.spare = this.lent;
    this.lent = new Map();
  }
}

/** Takes snapshots of one state as it goes on, each sharing unchanged chunks with the last. */
export class Snapshots {
  private last = new WeakMap<object, ChunkedArray>();

  take<T>(state: T): Snapshot<T> {
    const copier = new ChunkingCopier(this.last);
    const root = copier.copy(state, 'state');
    this.last = copier.made;
    return new Snapshot<T>(root, copier.ownBytes, copier.addedBytes, copier.arrays);
  }

  /** The estimated memory these snapshots hold together, what they share counted once. */
  static bytesOf(snapshots: Iterable<Snapshot<unknown>>): number {
    const lists = new Set<readonly Chunk[]>();
    const chunks = new Set<Chunk>();
    let bytes = 0;
    for (const s of snapshots) {
      bytes += s.ownBytes;
      for (const a of s.arrays) {
        lists.add(a.chunks);
        for (let n = 0; n < a.used; n++) chunks.add(a.chunks[n]!);
      }
    }
    for (const list of lists) bytes += OBJECT_BYTES + SLOT_BYTES * list.length;
    for (const c of chunks) bytes += chunkBytes(c);
    return bytes;
  }
}

function chunkBytes(c: Chunk): number {
  return CHUNK_BYTES + SLOT_BYTES * c.items.length;
}

class ChunkingCopier extends StateCopier {
  /** The chunked arrays of this snapshot, by the live array they copy. */
  readonly made = new WeakMap<object, ChunkedArray>();
  readonly arrays: ChunkedArray[] = [];
  ownBytes = 0;
  addedBytes = 0;

  constructor(private readonly previous: WeakMap<object, ChunkedArray>) {
    super();
  }

  protected override copyArray(value: readonly unknown[], path: string): unknown {
    if (value.length < CHUNK) return super.copyArray(value, path);
    const before = this.previous.get(value);
    const origin = before?.origin ?? {};
    const chunked = this.remember(value, new ChunkedArray(value.length, origin));
    this.made.set(value, chunked);
    this.arrays.push(chunked);
    // The list of chunks before it is shared while it is a prefix of this one's.
    const list = before?.chunks as Chunk[] | undefined;
    const listUsed = before?.used ?? 0;
    let own: Chunk[] | null = null;
    for (let start = 0, n = 0; start < value.length; start += CHUNK, n++) {
      const end = Math.min(start + CHUNK, value.length);
      const old = n < listUsed ? list![n] : undefined;
      const had = old?.items.length ?? 0;
      const grownOld =
        old && grown(old, Math.min(CHUNK, before!.length - start), value, start, end);
      const chunk = grownOld || this.copyChunk(value, start, end, path);
      this.addedBytes += grownOld ? SLOT_BYTES * (chunk.items.length - had) : chunkBytes(chunk);
      if (own === null && list !== undefined) {
        if (n < listUsed && list[n] === chunk) continue;
        if (n === listUsed && list.length === n) {
          list.push(chunk); // no one added to the list since: it grows
          this.addedBytes += SLOT_BYTES;
          continue;
        }
        own = list.slice(0, n);
        this.addedBytes += OBJECT_BYTES + SLOT_BYTES * n;
      } else if (own === null) {
        own = [];
        this.addedBytes += OBJECT_BYTES;
      }
      own.push(chunk);
      this.addedBytes += SLOT_BYTES;
    }
    chunked.chunks = own ?? list!;
    return chunked;
  }

  private copyChunk(value: readonly unknown[], start: number, end: number, path: string): Chunk {
    // Sliced when it can be: an array of exactly its size (pushes leave room to spare).
    if (allShareable(value, start, end)) return { items: value.slice(start, end), shareable: true };
    const items: unknown[] = [];
    let shareable = true;
    for (let i = start; i < end; i++) {
      const item = value[i];
      if (shareable && !isShareable(item)) shareable = false;
      items.push(this.copy(item, path));
    }
    return { items, shareable };
  }

  protected override remember<C>(original: object, copy: C): C {
    const bytes = OBJECT_BYTES + FIELD_BYTES * slotsOf(original);
    this.ownBytes += bytes;
    this.addedBytes += bytes;
    return super.remember(original, copy);
  }
}

/**
 * The previous snapshot's chunk, grown to hold value[start, end), if it can be: its items
 * so far (the `used` ones the previous snapshot sees) are still the values there, and the
 * new values are shareable and can go after them (no later items were added since).
 */
function grown(
  chunk: Chunk,
  used: number,
  value: readonly unknown[],
  start: number,
  end: number,
): Chunk | undefined {
  if (!chunk.shareable) return undefined;
  const items = chunk.items;
  const same = Math.min(used, end - start);
  for (let i = 0; i < same; i++) if (items[i] !== value[start + i]) return undefined;
  if (end - start <= used) return chunk;
  if (items.length !== used) return undefined;
  if (!allShareable(value, start + used, end)) return undefined;
  for (let i = start + used; i < end; i++) items.push(value[i]);
  // Full, it grows no more: an exact copy drops the room the pushes left.
  if (items.length === CHUNK) chunk.items = items.slice();
  return chunk;
}

function allShareable(value: readonly unknown[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isShareable(value[i])) return false;
  return true;
}

function slotsOf(value: object): number {
  if (Array.isArray(value)) return value.length < CHUNK ? value.length : 0; // counted as chunks
  if (value instanceof Map) return 3 * value.size;
  if (value instanceof Set) return 2 * value.size;
  if (ArrayBuffer.isView(value)) return value.byteLength / FIELD_BYTES;
  return Object.keys(value).length;
}

class RestoringCopier extends StateCopier {
  /** The long arrays this restore made or reused. */
  readonly arrays: ArraysByOrigin = new Map();

  constructor(private readonly spare: ArraysByOrigin) {
    super();
  }

  protected override copyObject(value: object, path: string): unknown {
    if (!(value instanceof ChunkedArray)) return super.copyObject(value, path);
    const { length, origin } = value;
    const chunks = value.chunks.slice(0, value.used);
    const tail = length - (chunks.length - 1) * CHUNK;
    const itemsOf = (c: Chunk, n: number) =>
      n === chunks.length - 1 && c.items.length !== tail ? c.items.slice(0, tail) : c.items;
    const spare = this.spare.get(origin);
    // An array more than twice too long is not worth it: V8 trims its memory, then regrows.
    const reusable = spare !== undefined && spare.length <= 2 * length ? spare : undefined;
    let copy: unknown[];
    if (chunks.every((c) => c.shareable)) {
      if (reusable !== undefined) copy = overwrite(reusable, chunks, tail);
      // One concat: the array is made at its size, once (growing it by pushes makes garbage).
      else copy = ([] as unknown[]).concat(...chunks.map(itemsOf));
      this.remember(value, copy);
    } else {
      // Remembered before its items are copied: an item may refer back to it.
      copy = this.remember(value, reusable ?? []);
      copy.length = 0;
      chunks.forEach((c, n) => {
        for (const item of itemsOf(c, n)) copy.push(c.shareable ? item : this.copy(item, path));
      });
    }
    this.arrays.set(origin, copy);
    return copy;
  }
}

/**
 * Writes the chunks' items over an array, skipping the slots that hold them already. Set
 * to its length first: one allocation when it grows (not one per growth of pushes).
 */
function overwrite(array: unknown[], chunks: readonly Chunk[], tail: number): unknown[] {
  array.length = (chunks.length - 1) * CHUNK + tail;
  let j = 0;
  for (let n = 0; n < chunks.length; n++) {
    const items = chunks[n]!.items;
    const count = n === chunks.length - 1 ? tail : CHUNK;
    for (let i = 0; i < count; i++, j++) if (array[j] !== items[i]) array[j] = items[i];
  }
  return array;
}
