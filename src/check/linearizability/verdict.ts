/**
 * A checker result as views show it: the ops that cannot be ordered become indices into
 * the history that was checked (the ops themselves do not survive a worker boundary).
 */
import type { HistoryOp } from '../../kv/history';
import type { LinearizabilityResult } from './check';

export type Verdict =
  | { readonly status: 'unchecked' | 'checking' | 'ok' }
  | { readonly status: 'unknown'; readonly message: string }
  | {
      readonly status: 'illegal';
      readonly message: string;
      readonly key: string;
      /** Indices into the checked history of the operations that cannot be ordered. */
      readonly unorderable: readonly number[];
    };

export function toVerdict(result: LinearizabilityResult, history: readonly HistoryOp[]): Verdict {
  if (result.verdict === 'ok') return { status: 'ok' };
  if (result.verdict === 'unknown') return { status: 'unknown', message: result.message };
  const unorderable = result.witness.unorderable
    .map((op) => {
      const same = history.indexOf(op);
      if (same !== -1) return same;
      return history.findIndex(
        (h) => h.client === op.client && h.call === op.call && h.key === op.key,
      );
    })
    .filter((i) => i !== -1);
  return { status: 'illegal', message: result.message, key: result.key, unorderable };
}
