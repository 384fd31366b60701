/**
 * What a linearizability check covers, as one comparable string: the ops and how many of
 * them have answered. '' while nothing has answered yet (there is nothing to check).
 */
import type { HistoryOp } from '../../kv/history';

// Selectors call this on every store change; the ops array only changes when calls do.
let lastOps: readonly HistoryOp[] | null = null;
let lastSignature = '';

export function historySignature(ops: readonly HistoryOp[]): string {
  if (ops === lastOps) return lastSignature;
  let answered = 0;
  for (const op of ops) if (op.ret !== null || op.outcome === 'fail') answered++;
  lastOps = ops;
  lastSignature =
    answered === 0 ? '' : `${ops.length}/${answered}/${ops[0]!.call}/${ops.at(-1)!.call}`;
  return lastSignature;
}
