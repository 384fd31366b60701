// Entry point: is a KV client history linearizable? Each key is checked on its own (a
// history is linearizable iff every per-key sub-history is), within one time budget.

import type { HistoryOp } from '../../kv/history';
import { describeOperation } from './describe';
import { type KvOutput, kvModel } from './kv-model';
import type { Operation } from './model';
import { type SearchClock, searchPartitions } from './search-partitions';
import { validateHistory } from './validate';

export type LinearizabilityResult =
  | { verdict: 'ok' }
  | {
      verdict: 'illegal';
      key: string;
      witness: { longestPrefix: HistoryOp[]; unorderable: HistoryOp[] };
      message: string;
    }
  | { verdict: 'unknown'; message: string };

export interface CheckOptions {
  /** Give up (verdict 'unknown') after this long; the search is exponential in the worst case. */
  budgetMs?: number;
}

export const DEFAULT_BUDGET_MS = 10_000;

// A get whose answer is unconstrained changes nothing and can go anywhere: dropping it
// keeps it from multiplying the search space.
const constrains = (op: HistoryOp): boolean =>
  op.outcome !== 'fail' && !(op.op === 'get' && (op.outcome === 'unknown' || !op.result));

/**
 * The ops the search must consider, per key, in order of each key's first appearance:
 * failed ops and gets with an unconstrained answer are dropped.
 */
export function partitionByKey(history: readonly HistoryOp[]): Map<string, HistoryOp[]> {
  const byKey = new Map<string, HistoryOp[]>();
  for (const op of history) {
    if (!constrains(op)) continue;
    const ops = byKey.get(op.key);
    if (ops === undefined) byKey.set(op.key, [op]);
    else ops.push(op);
  }
  return byKey;
}

// Unknown outcome: may take effect any time after its call, with any answer, or never.
// A return at +Infinity tells the search exactly that (see search.ts).
const toOperation = (op: HistoryOp): Operation<HistoryOp, KvOutput> => ({
  clientId: op.client,
  input: op,
  output: op.outcome === 'ok' ? (op.result ?? null) : null,
  call: op.call,
  ret: op.outcome === 'ok' ? (op.ret as number) : Number.POSITIVE_INFINITY,
});

function illegalResult(
  key: string,
  ops: HistoryOp[],
  longestPrefix: number[],
  unorderable: number[],
): LinearizabilityResult {
  const witness = {
    longestPrefix: longestPrefix.map((i) => ops[i]),
    unorderable: unorderable.map((i) => ops[i]),
  };
  const first = witness.unorderable[0];
  const message =
    `Key ${JSON.stringify(key)} is not linearizable: ${describeOperation(first)} ` +
    `cannot be ordered after the longest linearizable prefix ` +
    `(${longestPrefix.length} of ${ops.length} operations on this key).`;
  return { verdict: 'illegal', key, witness, message };
}

/**
 * Check a history against the KV model. Throws HistoryError if the history is malformed.
 * 'unknown' means the budget ran out before every key was decided.
 */
export function checkLinearizability(
  history: HistoryOp[],
  opts: CheckOptions = {},
): LinearizabilityResult {
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const clock: SearchClock = {
    now: () => performance.now(),
    deadlineMs: performance.now() + budgetMs,
  };
  const partitions = partitionByKey(validateHistory(history));
  const keys = [...partitions.keys()];
  const opsByKey = [...partitions.values()];
  const result = searchPartitions(
    opsByKey.map((ops) => ops.map(toOperation)),
    kvModel,
    clock,
  );
  if (result.kind === 'illegal') {
    const { partition, longestPrefix, unorderable } = result;
    return illegalResult(keys[partition], opsByKey[partition], longestPrefix, unorderable);
  }
  if (result.kind === 'timeout') {
    const message =
      `Gave up after the ${budgetMs} ms budget: ${result.partitionsDecided} of ${keys.length} ` +
      `keys decided, none illegal so far; the history may or may not be linearizable.`;
    return { verdict: 'unknown', message };
  }
  return { verdict: 'ok' };
}
