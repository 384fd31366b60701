/**
 * A modal dialog on the native <dialog>: the page behind is inert (focus stays inside),
 * Escape closes it, and focus goes back to what opened it.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import './settings.css';

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly children: ReactNode;
  readonly className?: string;
  readonly testId?: string;
}

export function Dialog({ open, onClose, title, children, className, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

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
      if (back?.isConnected) back.focus();
    };
    d.addEventListener('close', onClosed);
    return () => d.removeEventListener('close', onClosed);
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
          <header className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="dialog-close"
              aria-label="Close"
              onClick={() => ref.current?.close()}
            >
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
