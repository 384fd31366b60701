/**
 * The KV console: pick a client, type a command (or use the form), read the answers.
 * Reads: clients, console lines. Sends: addClient, kv, refuse (through ../console).
 */
import '../console/console.css';
import { ClientPicker } from '../console/ClientPicker';
import { CommandLine } from '../console/CommandLine';
import { ConsoleForm } from '../console/ConsoleForm';
import { ConsoleResults } from '../console/ConsoleResults';
import { SYNTAX_HINT } from '../console/command-line';
import { useConsoleUi } from '../console/console-ui';
import { useAutoCheck } from '../history/auto-check';

export function KvConsole() {
  const input = useConsoleUi((s) => s.input);
  useAutoCheck();
  return (
    <div className="kv-console">
      <ConsoleResults />
      <div className="kv-bar">
        <ClientPicker />
        {input === 'line' ? <CommandLine /> : <ConsoleForm />}
        <button
          type="button"
          className="kv-mode"
          aria-pressed={input === 'form'}
          onClick={() => useConsoleUi.setState({ input: input === 'line' ? 'form' : 'line' })}
          title={
            input === 'line' ? 'Use a form with fields instead of typing' : 'Type commands instead'
          }
        >
          Form
        </button>
        {input === 'line' && (
          <p id="kv-syntax" className="kv-hint">
            {SYNTAX_HINT} · ↑ recalls
          </p>
        )}
      </div>
    </div>
  );
}
