/** The simulator's public harness. A contract: tests, chaos, scenarios and the UI use it. */
import { SimCluster } from './cluster';
import type { Cluster, ClusterOptions } from './types';

export { SimCluster } from './cluster';
export type {
  Cluster,
  ClusterOptions,
  Endpoint,
  Entry,
  HistoryOp,
  KvClient,
  KvClientOptions,
  KvOp,
  KvOutcome,
  KvResult,
  MessageView,
  NetworkOptions,
  NodeId,
  NodeView,
  ReadMode,
  Role,
  SubmitResult,
  TraceEvent,
} from './types';

/** A simulated cluster of `opts.nodes` Raft nodes, every node booted at virtual time 0. */
export function createCluster(opts: ClusterOptions): Cluster & SimCluster {
  return new SimCluster(opts);
}
