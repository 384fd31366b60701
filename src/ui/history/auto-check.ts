/**
 * Checks the history for linearizability by itself: one second after the ops stop
 * changing, when calls have answered since the last check. Mounted by the console and the
 * history view, so it runs while either is shown.
 */
import { useEffect } from 'react';
import { useActions } from '../context';
import { useStore } from '../store/store';
import { historySignature } from './signature';

export const AUTO_CHECK_DELAY = 1000;

export function useAutoCheck(): void {
  const actions = useActions();
  const signature = useStore((s) => historySignature(s.history.ops));
  const checked = useStore((s) => s.history.checkedSignature);
  useEffect(() => {
    if (signature === '' || signature === checked) return;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      const { history } = useStore.getState();
      // One check at a time: wait for the running one, then check what is new, if anything.
      if (history.verdict.status === 'checking') {
        timer = setTimeout(attempt, AUTO_CHECK_DELAY);
        return;
      }
      if (historySignature(history.ops) !== history.checkedSignature) actions.checkHistory();
    };
    timer = setTimeout(attempt, AUTO_CHECK_DELAY);
    return () => clearTimeout(timer);
  }, [signature, checked, actions]);
}
