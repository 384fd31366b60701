/**
 * A modal dialog on the native <dialog>: the page behind is inert (focus stays inside),
 * Escape closes it, and focus goes back to what opened it. Opened by a shortcut with
 * nothing focused (or its opener gone meanwhile), focus goes to `returnFocus` instead of
 * falling to <body>.
 */
import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import './settings.css';

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly children: ReactNode;
  readonly className?: string;
  readonly testId?: string;
  /** The control that opens this dialog: focus goes there when there is no opener. */
  readonly returnFocus?: RefObject<HTMLElement | null>;
}

export function Dialog({ open, onClose, title, children, className, testId, returnFocus }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;
  const fallback = useRef(returnFocus);
  fallback.current = returnFocus;

  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    if (open && !d.open) {
      opener.current = document.activeElement as HTMLElement | null;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    const onClosed = () => {
      close.current();
      const back = opener.current;
      opener.current = null;
      const usable = back?.isConnected === true && back !== document.body;
      (usable ? back : fallback.current?.current)?.focus();
    };
    // The close event comes a task later: tell the owner at once on Escape, so a key
    // pressed right after (? to open it again) finds it closed.
    const onCancel = () => close.current();
    d.addEventListener('close', onClosed);
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('close', onClosed);
      d.removeEventListener('cancel', onCancel);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      {open && (
        <>
          {/* A div: a <header> here would be a second banner landmark (dialog is not sectioning). */}
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="dialog-close"
              aria-label="Close"
              onClick={() => {
                close.current();
                ref.current?.close();
              }}
            >
              ×
            </button>
          </div>
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
