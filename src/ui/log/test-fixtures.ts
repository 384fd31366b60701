/** Cluster views for the log and details tests: plain data, no runtime. */
import type { FollowerProgressView, NodeStatus } from '../../raft/node';
import type { Entry, NodeId, Role } from '../../raft/types';
import type { NodeSnapshot } from '../../runtime/snapshot';
import { DEFAULT_NETWORK } from '../../sim/network';
import type { ClusterView } from '../store/types';

export function entries(terms: readonly number[], command: (i: number) => unknown = () => null) {
  return terms.map((term, i): Entry => ({ index: i + 1, term, command: command(i + 1) }));
}

export function status(partial: Partial<NodeStatus> & { role: Role }): NodeStatus {
  return {
    term: 1,
    votedFor: null,
    leaderId: null,
    commitIndex: 0,
    lastApplied: 0,
    lastIndex: 0,
    nextDeadline: 0,
    votesGranted: [],
    progress: [],
    ...partial,
  };
}

export function node(id: NodeId, st: NodeStatus | null, logLength = 0): NodeSnapshot {
  return {
    id,
    alive: st !== null,
    storage: 'idb',
    status: st,
    durableTerm: st?.term ?? 3,
    durableVotedFor: st?.votedFor ?? 1,
    logLength,
  };
}

export function progress(
  peer: NodeId,
  nextIndex: number,
  matchIndex: number,
  state: FollowerProgressView['state'] = 'replicate',
): FollowerProgressView {
  return { peer, nextIndex, matchIndex, state, inflight: 0 };
}

export function clusterView(
  nodes: NodeSnapshot[],
  logs: Entry[][],
  partial: Partial<ClusterView> = {},
): ClusterView {
  return {
    mode: 'live',
    now: 0,
    leader: null,
    nodes,
    network: {
      connected: nodes.map(() => true),
      linkUp: nodes.flatMap(() => nodes.map(() => true)),
      settings: DEFAULT_NETWORK,
    },
    messages: [],
    messagesOmitted: 0,
    violations: [],
    kv: nodes.map(() => ({})),
    logs,
    logVersion: 1,
    ...partial,
  };
}
