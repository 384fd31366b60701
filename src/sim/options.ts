import {
  ELECTION_TIMEOUT_MAX,
  ELECTION_TIMEOUT_MIN,
  ENTRIES_PER_APPEND_MAX,
  HARNESS_NODES_MAX,
  HARNESS_TRACE_EVENTS_MAX,
  HEARTBEAT_INTERVAL,
  INFLIGHT_MAX,
} from '../defaults';
import type { NodeId, RaftConfig, ReadMode } from '../raft/types';
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
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly readMode: ReadMode;
  /** Leases: how far a node's clock may run fast or slow (0 unless reads use leases). */
  readonly clockDriftMax: number;
}

const READ_MODES: readonly ReadMode[] = ['log', 'readIndex', 'lease'];
/** Leases: clocks drift by up to this much unless a cluster says otherwise. */
export const LEASE_CLOCK_DRIFT_MAX = 0.02;

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
  const preVote = flag('preVote', opts.preVote);
  const checkQuorum = flag('checkQuorum', opts.checkQuorum);
  const readMode = opts.readMode ?? 'log';
  if (!READ_MODES.includes(readMode)) {
    throw new Error(
      `readMode must be one of ${READ_MODES.join(', ')}, got ${JSON.stringify(readMode)}`,
    );
  }
  if (readMode === 'lease' && !checkQuorum) {
    throw new Error(
      'readMode lease needs checkQuorum: true (a leader must step down before its lease can be outlived)',
    );
  }
  const clockDriftMax = opts.clockDriftMax ?? (readMode === 'lease' ? LEASE_CLOCK_DRIFT_MAX : 0);
  if (!(clockDriftMax >= 0 && clockDriftMax < 0.5)) {
    throw new Error(`clockDriftMax must be a fraction from 0 to below 0.5, got ${clockDriftMax}`);
  }
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
    preVote,
    checkQuorum,
    readMode,
    clockDriftMax,
  };
}

function flag(name: string, value: boolean | undefined): boolean {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
  }
  return value ?? false;
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
    // Only what is on: a cluster with every feature off is configured as before them.
    ...(o.preVote ? { preVote: true as const } : {}),
    ...(o.checkQuorum ? { checkQuorum: true as const } : {}),
    ...(o.readMode === 'log' ? {} : { readMode: o.readMode }),
    ...(o.clockDriftMax === 0 ? {} : { clockDriftMax: o.clockDriftMax }),
  }));
}

/** The seed of one incarnation of a node: the same in every host. */
export function nodeSeed(clusterSeed: number, id: NodeId, incarnation: number): number {
  return deriveSeed(clusterSeed, 'node', id, incarnation);
}
