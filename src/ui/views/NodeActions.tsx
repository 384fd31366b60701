/**
 * Crash, restart, time out, disconnect one node, or make it the leader (leadership
 * transfer): in its details, and in an embed's node menu.
 */
import { nodeName } from '../../util/node-name';
import { useActions } from '../context';
import type { NodeDetailsModel } from '../log/details-model';
import { referenceLeader } from '../log/markers';
import { useStore } from '../store/store';

export function NodeActions({ model }: { model: NodeDetailsModel }) {
  const actions = useActions();
  const id = model.id;
  const alive = model.volatile !== null;
  const locked = model.inspecting;
  const leader = useStore((s) =>
    s.view === null ? null : referenceLeader(s.view.nodes, s.view.leader),
  );
  const canLead = alive && leader !== null && leader !== id;
  return (
    <fieldset className="nd-actions" aria-label={`Act on ${nodeName(id)}`}>
      <button
        type="button"
        disabled={locked || !alive}
        title="Stop the node: it keeps only what is on disk (key c)"
        onClick={() => actions.act({ type: 'crash', node: id })}
      >
        Crash
      </button>
      <button
        type="button"
        disabled={locked || alive}
        title="Start the node again from its disk (key r)"
        onClick={() => actions.act({ type: 'restart', node: id })}
      >
        Restart
      </button>
      <button
        type="button"
        disabled={locked || !alive || model.volatile?.role === 'leader'}
        title="Make its election timer expire now: it starts an election (key t)"
        onClick={() => actions.act({ type: 'expireElectionTimer', node: id })}
      >
        Time out
      </button>
      <button
        type="button"
        disabled={locked}
        title={`${model.connected ? 'Cut the node off the network' : 'Connect the node again'} (key d)`}
        onClick={() =>
          actions.act({ type: model.connected ? 'disconnect' : 'reconnect', node: id })
        }
      >
        {model.connected ? 'Disconnect' : 'Reconnect'}
      </button>
      <button
        type="button"
        disabled={locked || !canLead}
        title={
          leader === null
            ? 'There is no leader to hand over'
            : leader === id
              ? `${nodeName(id)} leads already`
              : `Ask ${nodeName(leader)} to hand leadership to ${nodeName(id)} (§3.10): it catches ${nodeName(id)} up, then sends TimeoutNow`
        }
        onClick={() => {
          if (leader !== null) actions.act({ type: 'transferLeadership', from: leader, to: id });
        }}
      >
        Make {nodeName(id)} leader
      </button>
      {locked && <p className="nd-note">Viewing the past: go live to act.</p>}
    </fieldset>
  );
}
