/**
 * The keyboard shortcuts, from keyboard.ts's list (one source for the README and here),
 * and Raft's words in a sentence each.
 */
import type { RefObject } from 'react';
import { SHORTCUTS } from '../keyboard';
import { GlossaryList } from '../lesson/GlossaryList';
import { GLOSSARY } from '../lesson/glossary';
import { Dialog } from './Dialog';

/** Shortcuts this dialog and the timeline add to the global ones. */
const MORE: ReadonlyArray<readonly [string, string]> = [
  ['?', 'show these shortcuts'],
  ['← →', 'on the timeline: 10 ms back or forward (Shift: 100 ms)'],
  ['Home / End', 'on the timeline: the start / back to live'],
];

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  /** The ? button: focus goes back there when `?` was pressed with nothing focused. */
  readonly returnFocus?: RefObject<HTMLElement | null>;
}

export function HelpDialog({ open, onClose, returnFocus }: Props) {
  const known = new Set(SHORTCUTS.map(([key]) => key));
  const rows = [...SHORTCUTS, ...MORE.filter(([key]) => !known.has(key))];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      testId="help-dialog"
      returnFocus={returnFocus}
    >
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Raft's words</h3>
      <GlossaryList words={GLOSSARY} />
    </Dialog>
  );
}
