/**
 * Whether Raft's invariants hold: green with a tick while none is violated; red with a
 * cross, the first violation's sentence and a count of the others when not. Clicking it
 * then shows the moment of that violation.
 */
import { useShallow } from 'zustand/react/shallow';
import { useActions } from '../context';
import { useStore } from '../store/store';
import { violationText, violationTime } from '../time/scrub';
import { formatVirtualTime } from '../time/speed-scale';
import '../time/time.css';

export function InvariantLight() {
  const [first, count] = useStore(
    useShallow((s) => {
      const v = s.view?.violations ?? [];
      return [v[0] ?? null, v.length] as const;
    }),
  );
  const actions = useActions();
  if (first === null) {
    return (
      <div className="invariant-light ok" role="status" aria-live="polite">
        <span className="light-icon" aria-hidden="true">
          ✓
        </span>
        <span>Invariants hold</span>
      </div>
    );
  }
  const at = violationTime(first);
  const others = count - 1;
  return (
    <div className="invariant-light bad" role="status" aria-live="polite">
      <button
        type="button"
        className="light-button"
        title={at === null ? first : `${first}\nClick to look at that moment.`}
        disabled={at === null}
        onClick={() => at !== null && actions.inspect(at)}
        data-testid="invariant-violation"
      >
        <span className="light-icon" aria-hidden="true">
          ✕
        </span>
        <span className="light-text">
          <span className="visually-hidden">Invariant violated: </span>
          {violationText(first)}
        </span>
        {others > 0 && <span className="light-more">+{others} more</span>}
        {at !== null && (
          <span className="light-when">
            <span className="visually-hidden">Show the moment it happened, </span>at{' '}
            {formatVirtualTime(at)}
          </span>
        )}
      </button>
    </div>
  );
}
