/**
 * Looking at an earlier moment: the run is deterministic, so replaying its config, its
 * starting state and its interventions in process up to that moment rebuilds it exactly,
 * with no snapshots kept (memory stays bounded however long the run).
 */
import type { DurableState } from '../raft/types';
import type { SimCluster } from '../sim/cluster';
import type { RecordedIntervention } from '../sim/interventions';
import { runScript } from '../sim/script';
import type { ClusterOptions } from '../sim/types';
import { type ClusterView, MESSAGES_PER_FRAME_MAX } from './snapshot';

/** A past moment, as views draw it. */
export type InspectedMoment = ClusterView & { readonly mode: 'inspect' };

export function inspectMoment(
  options: ClusterOptions,
  initialState: readonly DurableState[],
  interventions: readonly RecordedIntervention[],
  at: number,
): InspectedMoment {
  const cluster = runScript({
    options: { ...options, traceEventsMax: 0 },
    initialState,
    // The moment before anything the user did at that very instant.
    interventions: interventions.filter((rec) => rec.at < at),
    until: at,
  });
  return momentOf(cluster);
}

export function momentOf(c: SimCluster): InspectedMoment {
  const all = c.inFlight();
  return {
    mode: 'inspect',
    now: c.now,
    leader: c.leader(),
    nodes: Array.from({ length: c.size }, (_, id) => {
      const host = c.hostOf(id);
      return {
        id,
        alive: host.alive,
        storage: 'idb' as const,
        status: host.status(),
        durableTerm: host.storage.term,
        durableVotedFor: host.storage.votedFor,
        logLength: host.storage.log.length,
      };
    }),
    network: c.networkView(),
    messages: all.slice(0, MESSAGES_PER_FRAME_MAX),
    messagesOmitted: Math.max(0, all.length - MESSAGES_PER_FRAME_MAX),
    violations: c.violations(),
    kv: Array.from({ length: c.size }, (_, id) => c.kvState(id)),
    logs: Array.from({ length: c.size }, (_, id) => c.node(id).log),
    logVersion: 0,
  };
}
