/**
 * Checks the history for linearizability by itself: one second after the ops stop
 * changing, when calls have returned since the last check. Mounted by the console and the
 * history view, so it runs while either is shown.
 */
import { useEffect } from 'react';
import type { HistoryOp } from '../../check/history';
import type { Actions } from '../actions';
import { useActions } from '../context';
import { useStore } from '../store/store';

export const AUTO_CHECK_DELAY = 1000;

/** What a check covers, as one comparable string; '' when nothing has returned yet. */
let lastOps: readonly HistoryOp[] | null = null;
let lastSignature = '';
export function historySignature(ops: readonly HistoryOp[]): string {
  if (ops === lastOps) return lastSignature;
  let returned = 0;
  for (const op of ops) if (op.ret !== null || op.outcome === 'fail') returned++;
  lastOps = ops;
  lastSignature =
    returned === 0 ? '' : `${ops.length}/${returned}/${ops[0]!.call}/${ops.at(-1)!.call}`;
  return lastSignature;
}

let checkedSignature = '';

export function checkNow(actions: Actions): void {
  checkedSignature = historySignature(useStore.getState().history.ops);
  actions.checkHistory();
}

export function useAutoCheck(): void {
  const actions = useActions();
  const signature = useStore((s) => historySignature(s.history.ops));
  useEffect(() => {
    if (signature === '' || signature === checkedSignature) return;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      // One check at a time: wait for the running one, then check what is new.
      if (useStore.getState().history.verdict.status === 'checking') {
        timer = setTimeout(attempt, AUTO_CHECK_DELAY);
        return;
      }
      checkNow(actions);
    };
    timer = setTimeout(attempt, AUTO_CHECK_DELAY);
    return () => clearTimeout(timer);
  }, [signature, actions]);
}
