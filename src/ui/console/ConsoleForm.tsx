/** The same commands as the command line, for those who prefer fields to typing. */
import { type FormEvent, useState } from 'react';
import { commandProblem } from '../../kv/limits';
import type { KvCommand } from '../../kv/types';
import { useActions } from '../context';
import { formatCommandLine } from './command-line';
import { submit } from './console-ui';

type Op = KvCommand['op'];
const OPS: ReadonlyArray<readonly [Op, string]> = [
  ['set', 'SET'],
  ['get', 'GET'],
  ['cas', 'CAS'],
  ['append', 'APPEND'],
  ['del', 'DEL'],
];

interface Fields {
  op: Op;
  key: string;
  value: string;
  expected: string;
  /** CAS only if the key is absent. */
  absent: boolean;
}

export function toCommand(f: Fields): KvCommand {
  switch (f.op) {
    case 'get':
    case 'del':
      return { op: f.op, key: f.key };
    case 'set':
    case 'append':
      return { op: f.op, key: f.key, value: f.value };
    case 'cas':
      return { op: 'cas', key: f.key, expected: f.absent ? null : f.expected, value: f.value };
  }
}

export function ConsoleForm() {
  const actions = useActions();
  const [f, setF] = useState<Fields>({
    op: 'set',
    key: '',
    value: '',
    expected: '',
    absent: false,
  });
  const set = (patch: Partial<Fields>) => setF((old) => ({ ...old, ...patch }));
  const hasValue = f.op === 'set' || f.op === 'cas' || f.op === 'append';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const command = toCommand(f);
    const problem = commandProblem(command);
    // The whole command as a line (not the views' shortened form), so ↑ recalls it exactly.
    const text = f.key === '' ? f.op.toUpperCase() : formatCommandLine(command);
    void submit(
      actions,
      text,
      problem === null ? { ok: true, command } : { ok: false, error: problem },
    );
  };

  return (
    <form className="kv-form" onSubmit={onSubmit} aria-label="Command form">
      <label>
        <span className="kv-label">Operation</span>
        <select value={f.op} onChange={(e) => set({ op: e.target.value as Op })}>
          {OPS.map(([op, name]) => (
            <option key={op} value={op}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="kv-label">Key</span>
        <input value={f.key} onChange={(e) => set({ key: e.target.value })} size={8} />
      </label>
      {f.op === 'cas' && (
        <>
          <label>
            <span className="kv-label">Expected</span>
            <input
              value={f.expected}
              onChange={(e) => set({ expected: e.target.value })}
              disabled={f.absent}
              size={8}
            />
          </label>
          <label className="kv-check">
            <input
              type="checkbox"
              checked={f.absent}
              onChange={(e) => set({ absent: e.target.checked })}
            />
            only if absent
          </label>
        </>
      )}
      {hasValue && (
        <label>
          <span className="kv-label">
            {f.op === 'cas' ? 'New value' : f.op === 'append' ? 'Text to add' : 'Value'}
          </span>
          <input value={f.value} onChange={(e) => set({ value: e.target.value })} size={10} />
        </label>
      )}
      <button type="submit">Send</button>
    </form>
  );
}
