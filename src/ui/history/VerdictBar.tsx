/** The linearizability verdict in words, with a badge, and "Check now". */
import { useShallow } from 'zustand/react/shallow';
import { useActions } from '../context';
import { useStore } from '../store/store';
import type { Verdict } from '../store/types';
import { setViewport } from './history-ui';
import { historySignature } from './signature';
import { around } from './viewport';

const BADGE: Readonly<Record<Verdict['status'], { icon: string; word: string }>> = {
  unchecked: { icon: '○', word: 'not checked' },
  checking: { icon: '◌', word: 'checking…' },
  ok: { icon: '✓', word: 'linearizable' },
  illegal: { icon: '✗', word: 'not linearizable' },
  unknown: { icon: '?', word: 'undecided' },
};

function sentence(v: Verdict, checked: number, total: number, stale: boolean): string {
  const newer =
    total > checked
      ? ` ${total - checked} newer not checked yet.`
      : stale
        ? ' Answers that came back since are not checked yet.'
        : '';
  switch (v.status) {
    case 'unchecked':
      return total === 0
        ? 'Nothing to check yet: send commands from the KV console.'
        : 'Checked automatically a second after operations return, or press Check now.';
    case 'checking':
      return 'Searching for one order of the operations that explains every answer…';
    case 'ok':
      return `All ${checked} operations fit one order that explains every answer.${newer}`;
    case 'illegal': {
      const n = v.unorderable.length;
      return `${n} operation${n === 1 ? '' : 's'} on key ${JSON.stringify(v.key)} fit no order (outlined in red).`;
    }
    case 'unknown':
      return v.message;
  }
}

export function VerdictBar() {
  const actions = useActions();
  const { verdict, checked, total, stale } = useStore(
    useShallow((s) => ({
      verdict: s.history.verdict,
      checked: s.history.checkedOps,
      total: s.history.ops.length,
      stale: historySignature(s.history.ops) !== s.history.checkedSignature,
    })),
  );
  const badge = BADGE[verdict.status];
  return (
    <div className="hverdict">
      <div className="hverdict-line">
        <span className={`hbadge hbadge-${verdict.status}`}>
          <span aria-hidden="true">{badge.icon}</span> {badge.word}
        </span>{' '}
        <span className="visually-hidden" aria-live="polite">
          {verdict.status === 'checking' ? '' : `History ${badge.word}`}
        </span>
        <span className="hverdict-text">{sentence(verdict, checked, total, stale)}</span>{' '}
        {verdict.status === 'illegal' && (
          <details className="hverdict-why">
            <summary>Why?</summary>
            {verdict.message}
          </details>
        )}
      </div>
      <div className="hverdict-actions">
        {verdict.status === 'illegal' && (
          <button
            type="button"
            onClick={() => {
              const s = useStore.getState();
              setViewport(around(s.history.ops, verdict.unorderable, s.view?.now ?? 0));
            }}
          >
            Show them
          </button>
        )}
        <button
          type="button"
          onClick={() => actions.checkHistory()}
          disabled={verdict.status === 'checking' || total === 0}
        >
          Check now
        </button>
      </div>
    </div>
  );
}
