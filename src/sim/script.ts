/**
 * A run as data: options (with the seed), the interventions with their positions, and
 * how long to run. Share links carry one; replaying it reproduces the run.
 */
import type { DurableState } from '../raft/types';
import { SimCluster } from './cluster';
import type { RecordedIntervention } from './interventions';
import type { ClusterOptions } from './types';

/** Where a run resumed from storage began: its virtual time and each node's durable state. */
export interface RunStart {
  readonly t: number;
  readonly state: readonly DurableState[];
}

/** A run to replay in a cluster whose options are known: what a share link carries. */
export interface ReplayScript {
  readonly interventions: readonly RecordedIntervention[];
  readonly until: number;
  /** The run resumed from storage: it begins there, not with empty nodes at 0. */
  readonly start?: RunStart | null;
}

export interface RunScript {
  readonly options: ClusterOptions;
  /** Each node's durable state at the start (a run resumed from storage); empty if absent. */
  readonly initialState?: readonly DurableState[];
  /** Virtual time the run begins at (a run resumed after a page reload); default 0. */
  readonly startTime?: number;
  readonly interventions: readonly RecordedIntervention[];
  /** Virtual time at which the run ends. */
  readonly until: number;
}

/** Replays a script in process. */
export function runScript(script: RunScript): SimCluster {
  const cluster = new SimCluster(script.options, script.initialState, script.startTime);
  for (const rec of script.interventions) cluster.replay(rec);
  if (script.until > cluster.now) cluster.run(script.until - cluster.now);
  return cluster;
}
