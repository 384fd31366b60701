/** The command line: type a command, Enter sends it, ↑ / ↓ recall earlier lines. */
import { type KeyboardEvent, useRef, useState } from 'react';
import { useActions } from '../context';
import { parseCommandLine } from './command-line';
import { recallList, submit } from './console-ui';

export function CommandLine() {
  const actions = useActions();
  const [text, setText] = useState('');
  // Position in the recall list while browsing with the arrows (-1: the line being typed).
  const recall = useRef({ index: -1, draft: '' });

  const send = () => {
    if (text.trim() === '') return;
    void submit(actions, text.trim(), parseCommandLine(text));
    setText('');
    recall.current = { index: -1, draft: '' };
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const lines = recallList();
      const r = recall.current;
      const next = e.key === 'ArrowUp' ? r.index + 1 : r.index - 1;
      if (next < -1 || next >= lines.length) return;
      e.preventDefault();
      if (r.index === -1) r.draft = text;
      r.index = next;
      setText(next === -1 ? r.draft : lines[next]!);
    }
  };

  return (
    <div className="kv-line">
      <label className="visually-hidden" htmlFor="kv-command">
        Command
      </label>
      <input
        id="kv-command"
        className="kv-input"
        type="text"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          recall.current.index = -1;
        }}
        onKeyDown={onKeyDown}
        placeholder="SET x 1 — then press Enter"
        autoComplete="off"
        spellCheck={false}
        aria-describedby="kv-syntax"
      />
      <button type="button" onClick={send} disabled={text.trim() === ''}>
        Send
      </button>
    </div>
  );
}
