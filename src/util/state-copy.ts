/**
 * A deep copy of a simulator's state (for checkpoints: issue 9, part 4). The state is a
 * graph of class instances, arrays, Maps and Sets; the copy keeps prototypes, shared
 * references and cycles. Frozen objects are values that never change (log entries), so
 * a copy shares them instead of copying them. A function is code, not data: a state that
 * holds one (a harness task, a hold predicate, a listener) cannot be copied, and the error
 * says where it is.
 */

/** An object that makes its own copy (one holding a promise, say). */
export const copyState = Symbol('copyState');

export interface SelfCopying {
  [copyState](): object;
}

export class StateCopyError extends Error {}

export function copyOfState<T>(root: T): T {
  return new StateCopier().copy(root, 'state') as T;
}

/** Whether a value can be shared between copies as it is: a primitive or a frozen object. */
export function isShareable(value: unknown): boolean {
  return value === null || typeof value !== 'object' || Object.isFrozen(value);
}

/**
 * The copy, one graph walk. Subclasses change how arrays and special objects are copied
 * (state-snapshot.ts keeps long arrays as shared chunks).
 */
export class StateCopier {
  protected readonly memo = new Map<object, unknown>();

  copy(value: unknown, path: string): unknown {
    if (typeof value === 'function') {
      throw new StateCopyError(`cannot copy the state: ${path} is a function`);
    }
    if (value === null || typeof value !== 'object') return value;
    if (Object.isFrozen(value)) return value;
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    if (copyState in value) return this.remember(value, (value as SelfCopying)[copyState]());
    if (Array.isArray(value)) return this.copyArray(value, path);
    if (value instanceof Map) {
      const copy = this.remember(value, new Map());
      for (const [k, v] of value) copy.set(this.copy(k, path), this.copy(v, path));
      return copy;
    }
    if (value instanceof Set) {
      const copy = this.remember(value, new Set());
      for (const v of value) copy.add(this.copy(v, path));
      return copy;
    }
    if (ArrayBuffer.isView(value)) {
      return this.remember(value, (value as unknown as { slice(): object }).slice());
    }
    if (value instanceof Promise) {
      throw new StateCopyError(`cannot copy the state: ${path} is a promise`);
    }
    return this.copyObject(value, path);
  }

  protected copyArray(value: readonly unknown[], path: string): unknown {
    // Pushed, not `new Array(length)`: V8 makes a long preallocated array a slow sparse one.
    const copy = this.remember(value, [] as unknown[]);
    for (let i = 0; i < value.length; i++) copy.push(this.copy(value[i], path));
    return copy;
  }

  protected copyObject(value: object, path: string): unknown {
    const copy = this.remember(value, Object.create(Object.getPrototypeOf(value)) as object);
    const fields = copy as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key)!;
      if (d.get !== undefined || d.set !== undefined) {
        throw new StateCopyError(`cannot copy the state: ${path}.${key} is an accessor`);
      }
      fields[key] = this.copy(d.value, `${path}.${key}`);
    }
    return copy;
  }

  protected remember<C>(original: object, copy: C): C {
    this.memo.set(original, copy);
    return copy;
  }
}
