/**
 * The top bar's settings: a dialog for the network, the cluster (node count, seed, reset)
 * and the theme, and the keyboard shortcuts (also on '?').
 */
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../settings/Dialog';
import { HelpDialog } from '../settings/HelpDialog';
import { SettingsPanel } from '../settings/SettingsDialog';

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return typeof el?.closest === 'function' && el.closest('input, textarea, select') !== null;
}

export function Settings() {
  const [open, setOpen] = useState(false);
  const [help, setHelp] = useState(false);
  const helpButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
      e.preventDefault();
      setHelp(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        ref={helpButton}
        type="button"
        className="icon-button shortcuts-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        onClick={() => setHelp(true)}
      >
        ?
      </button>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <span aria-hidden="true">⚙ </span>
        <span className="settings-word">Settings</span>
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Settings"
        className="settings-dialog"
        testId="settings-dialog"
      >
        <SettingsPanel onHelp={() => setHelp(true)} />
      </Dialog>
      <HelpDialog open={help} onClose={() => setHelp(false)} returnFocus={helpButton} />
    </>
  );
}
