/** Pieces of the node details panel: icons, the leader's progress table, the KV table. */
import type { FollowerProgressView } from '../../raft/node';
import { nodeName } from '../../util/node-name';
import { truncate } from './details-model';

/** A disk: what is written to storage. */
export function DiskIcon() {
  return (
    <svg className="nd-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <ellipse cx="8" cy="4" rx="6" ry="2.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M2 4v8c0 1.2 2.7 2.2 6 2.2s6-1 6-2.2V4M2 8c0 1.2 2.7 2.2 6 2.2s6-1 6-2.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

/** A lightning bolt: memory that lasts only while the power (the process) does. */
export function BoltIcon() {
  return (
    <svg className="nd-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M9.5 1 3 9h4.5L6.5 15 13 7H8.5z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function ProgressTable({ progress }: { progress: readonly FollowerProgressView[] }) {
  return (
    <table className="nd-table">
      <caption>What this leader knows of each follower</caption>
      <thead>
        <tr>
          <th scope="col">peer</th>
          <th scope="col" title="nextIndex: the next entry to send">
            next
          </th>
          <th scope="col" title="matchIndex: the highest entry known to be replicated there">
            match
          </th>
          <th scope="col" title="probe: searching where the logs match; replicate: streaming">
            mode
          </th>
          <th scope="col" title="inflight: batches sent and not yet acknowledged">
            infl.
          </th>
        </tr>
      </thead>
      <tbody>
        {progress.map((p) => (
          <tr key={p.peer}>
            <th scope="row">{nodeName(p.peer)}</th>
            <td>{p.nextIndex}</td>
            <td>{p.matchIndex}</td>
            <td>{p.state}</td>
            <td>{p.inflight}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KvTable({
  entries,
  omitted,
}: {
  entries: ReadonlyArray<readonly [string, string]>;
  omitted: number;
}) {
  if (entries.length === 0) {
    return <p className="nd-note">Key/value store: empty (nothing applied yet).</p>;
  }
  return (
    <table className="nd-table nd-kv">
      <caption>Key/value store (applied entries)</caption>
      <thead>
        <tr>
          <th scope="col">key</th>
          <th scope="col">value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row" title={key}>
              {truncate(key, 12)}
            </th>
            <td title={value}>{truncate(value)}</td>
          </tr>
        ))}
        {omitted > 0 && (
          <tr>
            <td colSpan={2} className="nd-note">
              and {omitted} more {omitted === 1 ? 'key' : 'keys'}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
