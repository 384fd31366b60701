/**
 * A virtualised list of explained events: only the rows in view are in the DOM, newest at
 * the bottom; it follows new events unless the user scrolled up.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { formatVirtualTime } from '../time/speed-scale';
import { EVENT_GROUPS, type EventGroup, type ExplainedEvent } from './filter';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

const GLYPHS = Object.fromEntries(EVENT_GROUPS.map((g) => [g.id, g.glyph])) as Record<
  EventGroup,
  string
>;

interface Props {
  readonly rows: readonly ExplainedEvent[];
  /** Changes whenever `rows` (updated in place) changed. */
  readonly version: number;
  /** Rows removed at the front since the last render (kept in place when scrolled up). */
  readonly droppedFront: number;
  readonly onPickTime: (t: number) => void;
  /** The moment being looked at: later events are dimmed. */
  readonly inspecting: number | null;
}

export function EventRows({ rows, version, droppedFront, onPickTime, inspecting }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const following = useRef(true);
  const [view, setView] = useState({ top: 0, height: 400 });
  const [behind, setBehind] = useState(false);

  /** Reads the scroll position; `byUser` says whether to re-decide following. */
  const measure = useCallback((byUser: boolean) => {
    const el = scroller.current;
    if (el === null) return;
    if (byUser) {
      following.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
      setBehind(!following.current);
    } else if (following.current) el.scrollTop = el.scrollHeight;
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, height: el.clientHeight },
    );
  }, []);

  // Scrolling up stops following at once, before new rows could pull the list down again.
  const stopFollowing = () => {
    following.current = false;
    setBehind(true);
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => measure(false));
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // After new rows: stay at the bottom when following, else keep the same rows in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the rows changed
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    if (!following.current && droppedFront > 0)
      el.scrollTop = Math.max(0, el.scrollTop - droppedFront * ROW_HEIGHT);
    measure(false);
  }, [version, rows, rows.length, droppedFront, measure]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <div className="event-rows-wrap">
      <section
        ref={scroller}
        className="event-rows"
        aria-label="Events (scroll up to stop following)"
        onScroll={() => measure(true)}
        onWheel={(e) => e.deltaY < 0 && stopFollowing()}
        onKeyDown={(e) => ['ArrowUp', 'PageUp', 'Home'].includes(e.key) && stopFollowing()}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        data-testid="event-rows"
      >
        <ol
          className="event-list"
          aria-label="Trace events, newest last"
          style={{ height: rows.length * ROW_HEIGHT }}
        >
          {visible.map((row, i) => (
            <li
              key={row.seq}
              className={`event-row group-${row.group}${(first + i) % 2 === 1 ? ' odd' : ''}${
                inspecting !== null && row.event.t > inspecting ? ' after' : ''
              }`}
              style={{ top: (first + i) * ROW_HEIGHT }}
              aria-setsize={rows.length}
              aria-posinset={first + i + 1}
            >
              <button
                type="button"
                className="event-time"
                title="Look at the cluster at this moment"
                aria-label={`Look at ${formatVirtualTime(row.event.t)}`}
                onClick={() => onPickTime(row.event.t)}
              >
                {row.event.t.toFixed(1)}
              </button>
              <span className="event-glyph" aria-hidden="true">
                {GLYPHS[row.group]}
              </span>
              <span className="event-text" title={row.text}>
                {row.text}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {behind && rows.length > 0 && (
        <button
          type="button"
          className="event-follow"
          onClick={() => {
            const el = scroller.current;
            if (el !== null) el.scrollTop = el.scrollHeight;
            following.current = true;
            setBehind(false);
          }}
        >
          Follow newest <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  );
}
