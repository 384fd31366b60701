import { useEffect } from 'react';
import { startLiveCluster } from './live-cluster';
import { useClusterStore } from './store';

function describeCommand(command: unknown): string {
  return command === null ? 'no-op' : JSON.stringify(command);
}

export function App() {
  useEffect(() => startLiveCluster({ nodes: 5, seed: 1, speed: 0.5 }), []);
  const snapshot = useClusterStore((s) => s.snapshot);
  if (snapshot === null) return <p>Starting the cluster…</p>;
  return (
    <main>
      <h1>Raft playground</h1>
      <p data-testid="status">
        virtual time {Math.round(snapshot.now)} ms · leader{' '}
        <span data-testid="leader">
          {snapshot.leader === null ? 'none' : `node ${snapshot.leader}`}
        </span>{' '}
        · {snapshot.messagesInFlight} messages in flight ·{' '}
        <span data-testid="invariants">
          {snapshot.violations.length === 0 ? 'invariants hold' : snapshot.violations.join('; ')}
        </span>
      </p>
      <table>
        <thead>
          <tr>
            <th>node</th>
            <th>role</th>
            <th>term</th>
            <th>voted for</th>
            <th>commit</th>
            <th>applied</th>
            <th>log (newest last)</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.nodes.map((n) => (
            <tr key={n.id} data-testid={`node-${n.id}`}>
              <td>{n.id}</td>
              <td data-testid={`role-${n.id}`}>{n.alive ? n.role : 'crashed'}</td>
              <td>{n.term}</td>
              <td>{n.votedFor ?? '—'}</td>
              <td>{n.commitIndex}</td>
              <td>{n.lastApplied}</td>
              <td>
                {n.log
                  .slice(-8)
                  .map((e) => `${e.index}@t${e.term}:${describeCommand(e.command)}`)
                  .join('  ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
