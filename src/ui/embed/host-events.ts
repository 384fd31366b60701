/**
 * The run's events as the host page hears them: a new leader, the cluster's commit index
 * moving on, crashes and restarts, a rule of Raft broken. Read from the trace of each
 * frame; the lesson's and the history checker's events are added by the bridge.
 */
import type { AppEvent, ClusterStateMessage } from '../../embed/protocol';
import type { TraceEvent } from '../../trace/events';
import { nodeName } from '../../util/node-name';
import type { Playback, StoreState } from '../store/types';

export class HostEventReader {
  /** The highest commit index any node has reached. */
  private committed = 0;
  private violationsSeen = 0;

  /** Events among these trace events, and for violations not reported before. */
  read(trace: readonly TraceEvent[], violations: readonly string[]): AppEvent[] {
    const out: AppEvent[] = [];
    for (const e of trace) {
      if (e.kind === 'role' && e.role === 'leader')
        out.push({ kind: 'leader-elected', node: nodeName(e.node), term: e.term, t: e.t });
      else if (e.kind === 'commit' && e.commitIndex > this.committed) {
        this.committed = e.commitIndex;
        out.push({ kind: 'entry-committed', index: e.commitIndex, node: nodeName(e.node), t: e.t });
      } else if (e.kind === 'crash')
        out.push({ kind: 'node-crashed', node: nodeName(e.node), t: e.t });
      else if (e.kind === 'restart')
        out.push({ kind: 'node-restarted', node: nodeName(e.node), t: e.t });
    }
    const t = trace.at(-1)?.t ?? 0;
    for (const rule of violations.slice(this.violationsSeen))
      out.push({ kind: 'invariant-violated', rule, t });
    this.violationsSeen = Math.max(this.violationsSeen, violations.length);
    return out;
  }
}

/** The cluster's state for the host: roles, terms, leader, commit and applied, log lengths. */
export function clusterStateOf(
  s: Pick<StoreState, 'view'> & { playback: Playback },
): ClusterStateMessage {
  const view = s.view;
  return {
    now: view?.now ?? 0,
    paused: s.playback.paused,
    speed: s.playback.speed,
    leader: view?.leader == null ? null : nodeName(view.leader),
    nodes: (view?.nodes ?? []).map((n) => ({
      id: n.id,
      name: nodeName(n.id),
      role: n.alive && n.status !== null ? n.status.role : 'crashed',
      term: n.status?.term ?? n.durableTerm,
      commitIndex: n.status?.commitIndex ?? 0,
      lastApplied: n.status?.lastApplied ?? 0,
      logLength: n.logLength,
      connected: view?.network.connected[n.id] !== false,
    })),
    violations: view?.violations ?? [],
  };
}
