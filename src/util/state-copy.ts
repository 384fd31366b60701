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
  return copyValue(root, new Map(), 'state') as T;
}

function copyValue(value: unknown, memo: Map<object, unknown>, path: string): unknown {
  if (typeof value === 'function') {
    throw new StateCopyError(`cannot copy the state: ${path} is a function`);
  }
  if (value === null || typeof value !== 'object') return value;
  if (Object.isFrozen(value)) return value;
  const known = memo.get(value);
  if (known !== undefined) return known;
  if (copyState in value) {
    const own = (value as SelfCopying)[copyState]();
    memo.set(value, own);
    return own;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    memo.set(value, copy);
    for (let i = 0; i < value.length; i++) copy[i] = copyValue(value[i], memo, path);
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map();
    memo.set(value, copy);
    for (const [k, v] of value) copy.set(copyValue(k, memo, path), copyValue(v, memo, path));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    memo.set(value, copy);
    for (const v of value) copy.add(copyValue(v, memo, path));
    return copy;
  }
  if (ArrayBuffer.isView(value)) {
    const copy = (value as unknown as { slice(): object }).slice();
    memo.set(value, copy);
    return copy;
  }
  if (value instanceof Promise) {
    throw new StateCopyError(`cannot copy the state: ${path} is a promise`);
  }
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  memo.set(value, copy);
  for (const key of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if (d.get !== undefined || d.set !== undefined) {
      throw new StateCopyError(`cannot copy the state: ${path}.${key} is an accessor`);
    }
    copy[key] = copyValue(d.value, memo, `${path}.${key}`);
  }
  return copy;
}
