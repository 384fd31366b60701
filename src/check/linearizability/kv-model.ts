// The sequential specification of our KV store, as a porcupine-style model.
// Partitioned by key, so the state of a partition is just the value of its one key,
// plus a hash of that value for the memo table.

import type { KvResult } from '../../kv/types';
import { describeCall, describeResult, type KvInput } from './describe';
import type { Model, StepResult } from './model';

export interface KvState {
  /** undefined = the key is absent. */
  value: string | undefined;
  /**
   * Polynomial hash of `value`, extended char by char, so APPEND costs O(suffix) instead
   * of rehashing (and flattening) the whole, ever longer, value at every step.
   */
  hash: number;
}

/** `null` = any answer is accepted (outcome unknown, or answer not recorded). */
export type KvOutput = KvResult | null;

const ABSENT_HASH = 0x5bd1e995;
const EMPTY_HASH = 0;

function extendHash(hash: number, suffix: string): number {
  let h = hash;
  for (let i = 0; i < suffix.length; i++) h = (Math.imul(h, 0x01000193) + suffix.charCodeAt(i)) | 0;
  return h;
}

export const ABSENT: KvState = { value: undefined, hash: ABSENT_HASH };

export const kvState = (value: string | undefined): KvState =>
  value === undefined ? ABSENT : { value, hash: extendHash(EMPTY_HASH, value) };

// `expected === null` is "create only if absent".
const swaps = (state: KvState, input: KvInput): boolean =>
  input.expected === null ? state.value === undefined : state.value === input.expected;

/** The state after applying `input` to `state`. */
export function nextKvState(state: KvState, input: KvInput): KvState {
  const value = input.value ?? '';
  switch (input.op) {
    case 'get':
      return state;
    case 'set':
      return kvState(value);
    case 'append': {
      const base = state.value === undefined ? EMPTY_HASH : state.hash;
      return { value: (state.value ?? '') + value, hash: extendHash(base, value) };
    }
    case 'del':
      return ABSENT;
    case 'cas':
      return swaps(state, input) ? kvState(value) : state;
  }
}

/** What the store must answer to `input` in `state`. */
export function expectedKvResult(state: KvState, input: KvInput): KvResult {
  const { value } = state;
  if (input.op === 'get') return value === undefined ? { found: false } : { found: true, value };
  const prev: KvResult =
    value === undefined ? { prevFound: false } : { prevFound: true, prev: value };
  return input.op === 'cas' ? { ...prev, swapped: swaps(state, input) } : prev;
}

/**
 * Whether `recorded` is what the store must answer: `expectedKvResult`, compared field by
 * field (only the fields that op produces; extra fields are ignored), without allocating,
 * since the search calls it for every step.
 */
export function answersKv(state: KvState, input: KvInput, recorded: KvResult): boolean {
  const { value } = state;
  if (input.op === 'get')
    return recorded.found === (value !== undefined) && recorded.value === value;
  if (recorded.prevFound !== (value !== undefined) || recorded.prev !== value) return false;
  return input.op !== 'cas' || recorded.swapped === swaps(state, input);
}

export const kvModel: Model<KvState, KvInput, KvOutput> = {
  init: () => ABSENT,
  step(state: KvState, input: KvInput, output: KvOutput): StepResult<KvState> {
    const ok = output === null || answersKv(state, input, output);
    return { ok, state: nextKvState(state, input) };
  },
  // Hashes first: most unequal states differ there, and comparing two long APPEND results
  // char by char is the slow path.
  equal: (a, b) => a.hash === b.hash && a.value === b.value,
  hashState: (state) => state.hash,
  partitionKey: (input) => input.key,
  describeOperation: (input, output) =>
    `${describeCall(input)} -> ${describeResult(input, output)}`,
  describeState: ({ value }) => (value === undefined ? 'absent' : JSON.stringify(value)),
};
