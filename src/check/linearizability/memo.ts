// The memo table of the search: every (set of linearized ops, model state) pair already
// explored. Reaching the same pair again cannot succeed where the first visit failed.
// The set is a bitset in Uint32Array words; its hash is kept incrementally (Zobrist
// hashing: XOR of one fixed random word per op), so marking an op costs O(1).
// Visits live in flat typed arrays (a chained hash table over an arena), because a
// search stores tens of thousands of them and one small object + typed array per visit
// spends most of the time in allocation and GC.

const NONE = -1;

// Fixed pseudo-random words (mulberry32: nonlinear, unlike xorshift, whose outputs are
// linearly related and so XOR to equal hashes for many different sets). Deterministic,
// so runs and their search order are reproducible.
function zobristKeys(count: number): Int32Array {
  const keys = new Int32Array(count);
  let seed = 0x9e3779b9 | 0;
  for (let i = 0; i < count; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    keys[i] = t ^ (t >>> 14);
  }
  return keys;
}

// murmur3's finalizer: the bucket index takes the low bits, which a multiply leaves weak.
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grown<T extends Int32Array | Uint32Array>(a: T, length: number): T {
  const b = new (a.constructor as { new (n: number): T })(length);
  b.set(a);
  return b;
}

export class LinearizedSet<State> {
  private readonly words: Uint32Array;
  private readonly keys: Int32Array;
  private hash = 0;
  // The current set's span: words before `lo` are all ones, words from `hi` on are zero.
  private lo = 0;
  private hi = 0;
  // Visit v: the words of its span in pool[visitStart[v]...], span start, span length,
  // full hash, next visit in its bucket, state. Storing only the span keeps a visit to a
  // few words however long the history: the set is mostly "all ops up to about here".
  private pool: Uint32Array;
  private poolUsed = 0;
  private visitStart: Int32Array;
  private visitLo: Int32Array;
  private visitCount: Int32Array;
  private visitHash: Int32Array;
  private visitNext: Int32Array;
  private readonly visitState: State[] = [];
  private visits = 0;
  private table: Int32Array;

  constructor(
    opCount: number,
    private readonly equal: (a: State, b: State) => boolean,
    private readonly hashState: (state: State) => number = () => 0,
  ) {
    this.words = new Uint32Array((opCount + 31) >>> 5);
    this.keys = zobristKeys(opCount);
    this.pool = new Uint32Array(16_384);
    this.visitStart = new Int32Array(4096);
    this.visitLo = new Int32Array(4096);
    this.visitCount = new Int32Array(4096);
    this.visitHash = new Int32Array(4096);
    this.visitNext = new Int32Array(4096);
    this.table = new Int32Array(8192).fill(NONE);
  }

  /**
   * Mark op `bit` linearized if (set + bit, state) is new; returns false, changing nothing,
   * when that pair was explored before.
   */
  tryAdd(bit: number, state: State): boolean {
    this.flip(bit);
    this.measureSpan();
    const h = mix(this.hash ^ Math.imul(this.hashState(state), 0x9e3779b1));
    for (let v = this.table[h & (this.table.length - 1)]; v !== NONE; v = this.visitNext[v]) {
      if (this.visitHash[v] === h && this.sameSet(v) && this.equal(this.visitState[v], state)) {
        this.flip(bit);
        return false;
      }
    }
    this.remember(h, state);
    return true;
  }

  has(bit: number): boolean {
    return (this.words[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }

  /** Backtrack: unmark `bit` (the visit stays remembered). */
  remove(bit: number): void {
    this.flip(bit);
  }

  private flip(bit: number): void {
    this.words[bit >>> 5] ^= 1 << (bit & 31);
    this.hash ^= this.keys[bit];
  }

  private measureSpan(): void {
    const { words } = this;
    let lo = 0;
    while (lo < words.length && words[lo] === 0xffffffff) lo++;
    let hi = words.length;
    while (hi > lo && words[hi - 1] === 0) hi--;
    this.lo = lo;
    this.hi = hi;
  }

  private sameSet(v: number): boolean {
    const { words, pool, lo, hi } = this;
    if (this.visitLo[v] !== lo || this.visitCount[v] !== hi - lo) return false;
    const offset = this.visitStart[v] - lo;
    for (let i = lo; i < hi; i++) if (pool[offset + i] !== words[i]) return false;
    return true;
  }

  private remember(h: number, state: State): void {
    const { words, lo, hi } = this;
    const v = this.visits++;
    if (v === this.visitHash.length) this.growVisits();
    if (this.poolUsed + (hi - lo) > this.pool.length) {
      this.pool = grown(this.pool, Math.max(this.pool.length * 2, this.poolUsed + hi - lo));
    }
    if (this.visits > this.table.length >>> 1) this.growTable();
    const start = this.poolUsed;
    for (let i = lo; i < hi; i++) this.pool[start + i - lo] = words[i];
    this.poolUsed += hi - lo;
    this.visitStart[v] = start;
    this.visitLo[v] = lo;
    this.visitCount[v] = hi - lo;
    this.visitHash[v] = h;
    this.visitState[v] = state;
    const bucket = h & (this.table.length - 1);
    this.visitNext[v] = this.table[bucket];
    this.table[bucket] = v;
  }

  private growVisits(): void {
    const capacity = this.visitHash.length * 2;
    this.visitStart = grown(this.visitStart, capacity);
    this.visitLo = grown(this.visitLo, capacity);
    this.visitCount = grown(this.visitCount, capacity);
    this.visitHash = grown(this.visitHash, capacity);
    this.visitNext = grown(this.visitNext, capacity);
  }

  // Keep buckets short: at most one visit per two slots on average.
  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2).fill(NONE);
    const mask = this.table.length - 1;
    for (let v = 0; v < this.visits - 1; v++) {
      const bucket = this.visitHash[v] & mask;
      this.visitNext[v] = this.table[bucket];
      this.table[bucket] = v;
    }
  }
}
