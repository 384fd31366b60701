// Reject malformed histories up front, with a message naming the op, so that a typo in a
// hand-written history is never reported as a linearizability violation.

import type { HistoryOp } from '../../kv/history';
import type { KvOpName, KvResult } from '../../kv/types';

export class HistoryError extends Error {
  override name = 'HistoryError';
}

const OP_NAMES: readonly KvOpName[] = ['get', 'set', 'cas', 'append', 'del'];
const OUTCOMES: readonly HistoryOp['outcome'][] = ['ok', 'fail', 'unknown'];

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function resultProblem(op: KvOpName, result: unknown): string | null {
  if (!isObject(result)) return 'result must be an object';
  for (const field of ['found', 'prevFound', 'swapped'] as const) {
    if (result[field] !== undefined && typeof result[field] !== 'boolean') {
      return `result.${field} must be a boolean`;
    }
  }
  for (const field of ['value', 'prev'] as const) {
    if (result[field] !== undefined && typeof result[field] !== 'string') {
      return `result.${field} must be a string`;
    }
  }
  const r = result as KvResult;
  if (op === 'get') return r.found === undefined ? 'a get result needs "found"' : null;
  if (r.prevFound === undefined) return `a ${op} result needs "prevFound"`;
  return op === 'cas' && r.swapped === undefined ? 'a cas result needs "swapped"' : null;
}

function inputProblem(x: Record<string, unknown>): string | null {
  if (typeof x.client !== 'string') return 'client must be a string';
  if (!OP_NAMES.includes(x.op as KvOpName)) return `op must be one of ${OP_NAMES.join(', ')}`;
  if (typeof x.key !== 'string') return 'key must be a string';
  const needsValue = x.op === 'set' || x.op === 'append' || x.op === 'cas';
  if (needsValue && typeof x.value !== 'string') return `a ${x.op} needs a string value`;
  if (x.op === 'cas' && x.expected !== null && typeof x.expected !== 'string') {
    return 'a cas needs expected: a string, or null for "only if absent"';
  }
  return null;
}

function timeProblem(x: Record<string, unknown>): string | null {
  if (!OUTCOMES.includes(x.outcome as HistoryOp['outcome'])) {
    return `outcome must be one of ${OUTCOMES.join(', ')}`;
  }
  if (typeof x.call !== 'number' || !Number.isFinite(x.call)) return 'call must be a number';
  // Only an ok op's ret matters: unknown ops may take effect any time, failed ones never.
  if (x.outcome !== 'ok') return x.ret === null || typeof x.ret === 'number' ? null : 'bad ret';
  if (typeof x.ret !== 'number' || !Number.isFinite(x.ret)) return 'an ok op needs a numeric ret';
  return x.ret < x.call ? 'ret is before call' : null;
}

function opProblem(x: unknown): string | null {
  if (!isObject(x)) return 'not an object';
  // A failed op never applied and is dropped before the search: a client that refused a
  // malformed call (a number as a value, an unknown op) records it as it was made.
  if (x.outcome === 'fail' && typeof x.client === 'string') return null;
  const problem = inputProblem(x) ?? timeProblem(x);
  if (problem !== null) return problem;
  if (x.outcome === 'ok' && x.result !== undefined)
    return resultProblem(x.op as KvOpName, x.result);
  return null;
}

/** Throws HistoryError on the first malformed op; returns the history typed. */
export function validateHistory(history: unknown): HistoryOp[] {
  if (!Array.isArray(history)) throw new HistoryError('a history must be an array of operations');
  history.forEach((x, i) => {
    const problem = opProblem(x);
    if (problem !== null) throw new HistoryError(`operation #${i}: ${problem}`);
  });
  return history as HistoryOp[];
}
