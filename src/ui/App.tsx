import type { RuntimeController } from '../runtime/controller';
import { useClusterStore } from './store';

function describeCommand(command: unknown): string {
  return command === null ? 'no-op' : JSON.stringify(command);
}

export function App({ controller }: { controller: RuntimeController }) {
  const frame = useClusterStore((s) => s.frame);
  const problems = useClusterStore((s) => s.problems);
  if (frame === null) return <p>Starting the cluster…</p>;
  const snapshot = frame.snapshot;
  return (
    <main>
      <h1>Raft playground</h1>
      {problems.map((p) => (
        <p key={p} role="alert" data-testid="problem">
          {p}
        </p>
      ))}
      <p data-testid="status">
        virtual time {Math.round(snapshot.now)} ms · leader{' '}
        <span data-testid="leader">
          {snapshot.leader === null ? 'none' : `node ${snapshot.leader}`}
        </span>{' '}
        · {snapshot.messages.length} messages in flight ·{' '}
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
              <td data-testid={`role-${n.id}`}>{n.status === null ? 'crashed' : n.status.role}</td>
              <td>{n.status?.term ?? n.durableTerm}</td>
              <td>{n.status?.votedFor ?? n.durableVotedFor ?? '—'}</td>
              <td>{n.status?.commitIndex ?? '—'}</td>
              <td>{n.status?.lastApplied ?? '—'}</td>
              <td>
                {(controller.logs[n.id] ?? [])
                  .slice(-6)
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
