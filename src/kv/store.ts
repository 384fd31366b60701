/** The key/value map and the semantics of each operation: pure, deterministic. */

import { utf8Length, VALUE_BYTES_MAX } from './limits';
import type { KvCommand, KvResult } from './types';

export class KvStore {
  private readonly data = new Map<string, string>();

  get size(): number {
    return this.data.size;
  }

  /**
   * What is wrong with applying a well-formed command to the current contents, or null.
   * Only APPEND can break a limit here: its suffix fits, but the value it leaves may not.
   * The answer depends on the contents alone, so every replica gives the same one.
   */
  problem(c: KvCommand): string | null {
    if (c.op !== 'append') return null;
    const prev = this.data.get(c.key);
    if (prev === undefined) return null;
    const bytes = utf8Length(prev) + utf8Length(c.value);
    return bytes > VALUE_BYTES_MAX
      ? `APPEND would make a value of ${bytes} bytes, longer than ${VALUE_BYTES_MAX} bytes (64 KiB)`
      : null;
  }

  /** Applies a command; the result carries the previous value (as the seed's Put did). */
  apply(c: KvCommand): KvResult {
    const prev = this.data.get(c.key);
    const before: KvResult = prev === undefined ? { prevFound: false } : { prevFound: true, prev };
    switch (c.op) {
      case 'get':
        return prev === undefined ? { found: false } : { found: true, value: prev };
      case 'set':
        this.data.set(c.key, c.value);
        return before;
      case 'cas': {
        const swapped = c.expected === null ? prev === undefined : prev === c.expected;
        if (swapped) this.data.set(c.key, c.value);
        return { ...before, swapped };
      }
      case 'append':
        this.data.set(c.key, (prev ?? '') + c.value);
        return before;
      case 'del':
        this.data.delete(c.key);
        return before;
    }
  }

  /** The value under `key`, or null when there is none. */
  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries([...this.data].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
