/**
 * Small words over the stage: who leads (also announced to screen readers), the moment
 * being inspected, and how many messages are in flight beyond those drawn.
 */
import { useShallow } from 'zustand/react/shallow';
import { nodeName } from '../../util/node-name';
import { termColor } from '../colors';
import { useStore } from '../store/store';

export function LeaderChip() {
  const { leader, term } = useStore(
    useShallow((s) => {
      const id = s.view?.leader ?? null;
      const term = id === null ? null : (s.view?.nodes[id]?.status?.term ?? null);
      return { leader: id, term };
    }),
  );
  const text = leader === null ? 'No leader' : `Leader: ${nodeName(leader)} · term ${term ?? '?'}`;
  return (
    <div className="leader-chip" role="status" aria-live="polite">
      {term !== null && (
        <span className="swatch" style={{ background: termColor(term) }} aria-hidden="true" />
      )}
      {text}
    </div>
  );
}

/** The time controls offer the way back to live; this only says what is shown. */
export function InspectBadge() {
  const { at, loading } = useStore(
    useShallow((s) => ({
      at: s.view?.mode === 'inspect' ? s.view.now : s.playback.inspecting,
      loading: s.playback.inspectLoading,
    })),
  );
  if (at === null) return null;
  return (
    <div className="inspect-badge" role="status">
      <span>
        Looking at t = <strong>{formatTime(at)} ms</strong>
        {loading ? ' (loading…)' : ''}
      </span>
    </div>
  );
}

export function OmittedMessages() {
  const omitted = useStore((s) => s.view?.messagesOmitted ?? 0);
  if (omitted === 0) return null;
  return (
    <div className="omitted-messages">
      +{omitted} more message{omitted === 1 ? '' : 's'} in flight (not drawn)
    </div>
  );
}

function formatTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(1);
}
