/** Which client sends the next command, and a button to add one. */
import { nodeName } from '../../util/node-name';
import { useActions } from '../context';
import { useStore } from '../store/store';
import { addClient, currentClient, useConsoleUi } from './console-ui';

export function ClientPicker() {
  const clients = useStore((s) => s.clients);
  const chosen = useConsoleUi((s) => s.client);
  const actions = useActions();
  const client = currentClient(clients, chosen);
  const pins = useConsoleUi((s) => s.pins);
  const pinFor = useConsoleUi((s) => s.pinFor);
  const nodes = useStore((s) => s.config.nodes);
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
              {pins[c] === undefined ? c : `${c} → ${nodeName(pins[c])} only`}
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
      <label title="A new one that sends every try to one node stands on that node's side of a partition">
        <span className="kv-label">sends to</span>
        <select
          aria-label="The next new one sends to"
          value={pinFor ?? ''}
          onChange={(e) =>
            useConsoleUi.setState({ pinFor: e.target.value === '' ? null : Number(e.target.value) })
          }
        >
          <option value="">any server</option>
          {Array.from({ length: nodes }, (_, id) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: node ids are the indexes
            <option key={id} value={id}>
              {nodeName(id)} only
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
