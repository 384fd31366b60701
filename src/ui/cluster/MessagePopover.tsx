/**
 * Details of the selected message: its fields in the paper's names and a button to drop
 * it. It keeps showing a message after it arrived, marked as such, so a fast message can
 * still be read.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useActions } from '../context';
import { selectMessage, useStore } from '../store/store';
import { popoverRoom } from './layout';
import { glyphOf, type MessageLike, messageFields } from './message-fields';
import { focusMessageOrLayer } from './messages';

/** The selected message as a string, so the panel renders only when it changes. */
function selectedMessageJson(s: ReturnType<typeof useStore.getState>): string | null {
  const id = s.selection.messageId;
  if (id === null || s.view === null) return null;
  const m = s.view.messages.find((x) => x.id === id);
  return m === undefined ? null : JSON.stringify(m);
}

export function MessagePopover() {
  const actions = useActions();
  const id = useStore((s) => s.selection.messageId);
  const json = useStore(selectedMessageJson);
  const panel = useRef<HTMLDivElement>(null);
  const live = useMemo(() => (json === null ? null : (JSON.parse(json) as MessageLike)), [json]);
  // The last version seen, kept after the message leaves the wire (derived state).
  const [kept, setKept] = useState<MessageLike | null>(null);
  if (live !== null && live !== kept) setKept(live);
  const message = live ?? (kept?.id === id ? kept : null);

  // On a narrow stage the panel covers part of the ring: put it on the side away from
  // the message, so the message stays in sight. (A wide stage moves the ring aside.)
  const [side, setSide] = useState<'left' | 'right'>('right');
  useLayoutEffect(() => {
    const stage = panel.current?.parentElement;
    const dot = stage?.querySelector('.msg.selected');
    if (id === null || stage === null || stage === undefined) return;
    const box = stage.getBoundingClientRect();
    if (popoverRoom(box.width) > 0 || dot === null || dot === undefined) {
      setSide('right');
      return;
    }
    const at = dot.getBoundingClientRect();
    setSide(at.left + at.width / 2 > box.left + box.width / 2 ? 'left' : 'right');
  }, [id]);

  useEffect(() => {
    if (id !== null) panel.current?.focus();
  }, [id]);

  if (id === null) return null;
  const close = () => {
    const el = panel.current;
    const hadFocus = el?.contains(document.activeElement) === true;
    selectMessage(null);
    // The panel goes away: focus back to the message's glyph, or its layer once it arrived.
    if (hadFocus && el?.parentElement) focusMessageOrLayer(el.parentElement, id);
  };
  return (
    <div
      ref={panel}
      className={`message-popover ${side}`}
      role="dialog"
      aria-labelledby="message-popover-title"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="popover-head">
        <h3 id="message-popover-title">Message #{id}</h3>
        <button type="button" className="icon" aria-label="Close message details" onClick={close}>
          ×
        </button>
      </div>
      {message === null ? (
        <p className="gone">This message is no longer in flight.</p>
      ) : (
        <>
          <p className="summary">
            {glyphOf(message).kind}
            {message.held ? ' · held at the receiver' : ''}
          </p>
          {live === null && (
            <p className="gone" role="status">
              Delivered or dropped: no longer in flight.
            </p>
          )}
          <dl className="fields">
            {messageFields(message).map((f) => (
              <div key={f.label} className="field">
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <button
        type="button"
        className="drop-message"
        disabled={live === null}
        onClick={() => actions.act({ type: 'dropMessage', id })}
      >
        Drop this message
      </button>
    </div>
  );
}
