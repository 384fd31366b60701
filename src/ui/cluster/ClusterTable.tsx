/**
 * The cluster as text, for anyone who would rather read than look (and for screen
 * readers): a table of nodes (role, term, vote, commit, applied, log length, network) and
 * the messages in flight, from the same view the ring draws.
 */
import { nodeName } from '../../util/node-name';
import { useStore } from '../store/store';
import { formatVirtualTime } from '../time/speed-scale';
import { describeMessage } from './message-fields';

/** Rows of messages listed; the rest are counted. */
const MESSAGES_LISTED_MAX = 40;

export function ClusterTable() {
  const view = useStore((s) => s.view);
  if (view === null) return null;
  const messages = [...view.messages].sort((a, b) => a.deliverAt - b.deliverAt);
  const more = messages.length - MESSAGES_LISTED_MAX + view.messagesOmitted;
  return (
    <section
      className="cluster-table"
      aria-label="Table of nodes and messages"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
    >
      <table>
        <caption>Nodes at {formatVirtualTime(view.now)}</caption>
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">role</th>
            <th scope="col">term</th>
            <th scope="col">voted for</th>
            <th scope="col">commit</th>
            <th scope="col">applied</th>
            <th scope="col">log</th>
            <th scope="col">network</th>
          </tr>
        </thead>
        <tbody>
          {view.nodes.map((n) => {
            const s = n.alive ? n.status : null;
            const vote = s?.votedFor ?? n.durableVotedFor;
            return (
              <tr key={n.id}>
                <th scope="row">{nodeName(n.id)}</th>
                <td>{s?.role ?? 'crashed'}</td>
                <td>{s?.term ?? n.durableTerm}</td>
                <td>{vote === null ? '—' : nodeName(vote)}</td>
                <td>{s?.commitIndex ?? '—'}</td>
                <td>{s?.lastApplied ?? '—'}</td>
                <td>{n.logLength}</td>
                <td>{view.network.connected[n.id] === false ? 'disconnected' : 'connected'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 className="cluster-table-title">
        Messages in flight ({messages.length + view.messagesOmitted})
      </h3>
      {messages.length === 0 ? (
        <p className="placeholder">None right now.</p>
      ) : (
        <ol className="cluster-table-messages">
          {messages.slice(0, MESSAGES_LISTED_MAX).map((m) => (
            <li key={m.id}>
              #{m.id} {describeMessage(m)}: arrives at {formatVirtualTime(m.deliverAt)}
            </li>
          ))}
          {more > 0 && <li>… and {more} more</li>}
        </ol>
      )}
    </section>
  );
}
