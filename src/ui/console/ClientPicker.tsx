/** Which client sends the next command, and a button to add one. */
import { useActions } from '../context';
import { useStore } from '../store/store';
import { addClient, currentClient, useConsoleUi } from './console-ui';

export function ClientPicker() {
  const clients = useStore((s) => s.clients);
  const chosen = useConsoleUi((s) => s.client);
  const actions = useActions();
  const client = currentClient(clients, chosen);
  return (
    <div className="kv-clients">
      <label>
        <span className="kv-label">Client</span>
        <select
          value={client ?? ''}
          onChange={(e) => useConsoleUi.setState({ client: e.target.value })}
          disabled={clients.length === 0}
          title={clients.length === 0 ? 'Your first command creates client c1' : undefined}
        >
          {clients.length === 0 && <option value="">new</option>}
          {clients.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => void addClient(actions)}
        aria-label="Add a client"
        title="Add a client: each client has its own session and sends one command at a time"
      >
        + Client
      </button>
    </div>
  );
}
