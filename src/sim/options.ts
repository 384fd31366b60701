import {
  ELECTION_TIMEOUT_MAX,
  ELECTION_TIMEOUT_MIN,
  ENTRIES_PER_APPEND_MAX,
  HARNESS_NODES_MAX,
  HARNESS_TRACE_EVENTS_MAX,
  HEARTBEAT_INTERVAL,
  INFLIGHT_MAX,
} from '../defaults';
import type { NodeId, RaftConfig } from '../raft/types';
import { isUnsafeSwitch, UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from '../raft/unsafe';
import { deriveSeed } from '../util/rng';
import type { ClusterOptions } from './types';

/** The configuration of a node, less the seed, which is derived per incarnation. */
export type NodeConfig = Omit<RaftConfig, 'seed'>;

export interface ResolvedOptions {
  readonly nodes: number;
  readonly seed: number;
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
  readonly entriesPerAppendMax: number;
  readonly inflightMax: number;
  readonly traceEventsMax: number;
  readonly checkInvariants: boolean;
  readonly unsafe: readonly UnsafeSwitch[];
}

/** Fills in defaults and rejects nonsense with a sentence that says what is wrong. */
export function resolveOptions(opts: ClusterOptions): ResolvedOptions {
  const nodes = opts.nodes;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > HARNESS_NODES_MAX) {
    throw new Error(`nodes must be an integer from 1 to ${HARNESS_NODES_MAX}, got ${nodes}`);
  }
  if (!Number.isInteger(opts.seed)) throw new Error(`seed must be an integer, got ${opts.seed}`);
  const electionTimeoutMs = opts.electionTimeoutMs ?? [ELECTION_TIMEOUT_MIN, ELECTION_TIMEOUT_MAX];
  const [min, max] = electionTimeoutMs;
  if (!(min > 0 && max >= min && Number.isFinite(max))) {
    throw new Error(
      `electionTimeoutMs must be [min, max] with 0 < min <= max, got [${min}, ${max}]`,
    );
  }
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_INTERVAL;
  if (!(heartbeatMs > 0 && Number.isFinite(heartbeatMs))) {
    throw new Error(`heartbeatMs must be a number > 0, got ${heartbeatMs}`);
  }
  const entriesPerAppendMax = positiveInteger(
    'entriesPerAppendMax',
    opts.entriesPerAppendMax ?? ENTRIES_PER_APPEND_MAX,
  );
  const inflightMax = positiveInteger('inflightMax', opts.inflightMax ?? INFLIGHT_MAX);
  const traceEventsMax = opts.traceEventsMax ?? HARNESS_TRACE_EVENTS_MAX;
  if (!Number.isInteger(traceEventsMax) || traceEventsMax < 0) {
    throw new Error(`traceEventsMax must be an integer >= 0, got ${traceEventsMax}`);
  }
  const unsafe = opts.unsafe ?? [];
  for (const name of unsafe)
    if (!isUnsafeSwitch(name))
      throw new Error(
        `unsafe: there is no switch ${JSON.stringify(name)}; the switches are ${UNSAFE_SWITCH_NAMES.join(', ')}`,
      );
  return {
    nodes,
    seed: opts.seed,
    electionTimeoutMs: [min, max],
    heartbeatMs,
    entriesPerAppendMax,
    inflightMax,
    traceEventsMax,
    checkInvariants: opts.checkInvariants ?? true,
    unsafe: [...new Set(unsafe)],
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

/** One node configuration per member: the one place harness option names map to the core's. */
export function nodeConfigs(o: ResolvedOptions): NodeConfig[] {
  const members = Array.from({ length: o.nodes }, (_, i) => i);
  return members.map((id) => ({
    id,
    members,
    electionTimeoutMin: o.electionTimeoutMs[0],
    electionTimeoutMax: o.electionTimeoutMs[1],
    heartbeatInterval: o.heartbeatMs,
    entriesPerAppendMax: o.entriesPerAppendMax,
    inflightMax: o.inflightMax,
    ...(o.unsafe.length === 0 ? {} : { unsafe: o.unsafe }),
  }));
}

/** The seed of one incarnation of a node: the same in every host. */
export function nodeSeed(clusterSeed: number, id: NodeId, incarnation: number): number {
  return deriveSeed(clusterSeed, 'node', id, incarnation);
}
