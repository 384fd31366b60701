/**
 * NodeDetails: the selected node's state beside the cluster drawing, split into what is
 * durable (on disk, survives a crash) and what is volatile (in memory, lost on a crash),
 * with buttons to crash, restart, time out and disconnect it. Re-renders only when a value
 * it shows changes.
 */
import '../log/badges.css';
import '../log/details.css';
import { nodeName } from '../../util/node-name';
import { BoltIcon, DiskIcon, KvTable, ProgressTable } from '../log/DetailsParts';
import { detailsEqual, detailsModel } from '../log/details-model';
import { useStableStore } from '../log/use-stable-store';
import { selectNode } from '../store/store';
import { NodeActions } from './NodeActions';

export function NodeDetails() {
  const model = useStableStore(detailsModel, detailsEqual);
  if (model === null) {
    return (
      <aside className="node-details node-details-empty" aria-label="Node details">
        <p>Click or tap a node (or press 1–9) to see its state and crash, restart or cut it off.</p>
      </aside>
    );
  }
  const v = model.volatile;
  return (
    <aside className="node-details" aria-label={`${nodeName(model.id)} details`}>
      <header className="nd-head">
        <h2>{nodeName(model.id)}</h2>
        <span className={`role-badge role-badge--${v?.role ?? 'crashed'}`}>
          {v?.role ?? 'crashed'}
        </span>
        {!model.connected && <span className="role-badge nd-cut">disconnected</span>}
        <button
          type="button"
          className="nd-close"
          aria-label="Close node details (Esc)"
          onClick={() => selectNode(null)}
        >
          ×
        </button>
      </header>
      <NodeActions model={model} />
      {v === null && (
        <p className="nd-crashed" role="status">
          Crashed: its memory is gone. Only the durable state below survives; Restart reloads it.
        </p>
      )}
      <section className="nd-section nd-durable" aria-label="Durable state">
        <h3>
          <DiskIcon /> Durable
        </h3>
        <p className="nd-why">On disk: survives a crash.</p>
        <dl className="nd-facts">
          <div>
            <dt>term</dt>
            <dd>{model.term}</dd>
          </div>
          <div>
            <dt>votedFor</dt>
            <dd>{model.votedFor === null ? 'nobody' : nodeName(model.votedFor)}</dd>
          </div>
          <div>
            <dt>log</dt>
            <dd>
              {model.logLength} {model.logLength === 1 ? 'entry' : 'entries'}
            </dd>
          </div>
          <div>
            <dt>disk</dt>
            <dd title={model.storage === 'idb' ? 'IndexedDB in this browser' : 'kept in memory'}>
              {model.storage === 'idb' ? 'IndexedDB' : 'memory'}
            </dd>
          </div>
        </dl>
      </section>
      <section className="nd-section nd-volatile" aria-label="Volatile state">
        <h3>
          <BoltIcon /> Volatile
        </h3>
        <p className="nd-why">In memory: lost in a crash.</p>
        {v === null ? (
          <p className="nd-note">
            Lost in the crash: role, commitIndex, lastApplied, leader progress and the key/value
            contents.
          </p>
        ) : (
          <>
            <dl className="nd-facts">
              <div>
                <dt>role</dt>
                <dd>{v.role}</dd>
              </div>
              <div>
                <dt title="the leader this node follows">leader</dt>
                <dd>{following(v.role, v.leaderId)}</dd>
              </div>
              <div>
                <dt title="the highest entry known to be committed">commitIndex</dt>
                <dd>{v.commitIndex}</dd>
              </div>
              <div>
                <dt title="the highest entry applied to the key/value store">lastApplied</dt>
                <dd>{v.lastApplied}</dd>
              </div>
            </dl>
            {v.role === 'leader' && <ProgressTable progress={v.progress} />}
            <KvTable entries={v.kv} omitted={v.kvOmitted} />
          </>
        )}
      </section>
    </aside>
  );
}

function following(role: string, leaderId: number | null): string {
  if (role === 'leader') return 'itself';
  if (role === 'candidate') return 'nobody';
  return leaderId === null ? 'unknown' : nodeName(leaderId);
}
