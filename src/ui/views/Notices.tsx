/**
 * Messages for the user (storage trouble, bad URL parameters, refused actions), dismissible.
 * `compact`: smaller, for the embed (an iframe in a course page has little room).
 */
import { repeatText } from '../store/notices';
import { dismissNotice, useStore } from '../store/store';

export function Notices({ compact = false }: { compact?: boolean }) {
  const notices = useStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className={compact ? 'notices notices-compact' : 'notices'}>
      {notices.map((n) => (
        <p key={n.id} role="alert" data-testid="problem" className="notice">
          <span>
            {n.text}
            {repeatText(n)}
          </span>
          <button
            type="button"
            aria-label="Dismiss this message"
            onClick={() => dismissNotice(n.id)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
