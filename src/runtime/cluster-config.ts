/**
 * The configuration of the browser's cluster, kept across page reloads so a reload brings
 * back the same cluster (its nodes then restart from IndexedDB). A new cluster id on reset
 * means no node can ever read an older cluster's data.
 */
import {
  APP_DELAY_MAX,
  APP_DELAY_MIN,
  APP_NODES_DEFAULT,
  APP_NODES_MAX,
  APP_NODES_MIN,
  ELECTION_TIMEOUT_MAX,
  ELECTION_TIMEOUT_MIN,
  HEARTBEAT_INTERVAL,
} from '../defaults';
import { isUnsafeSwitch, type UnsafeSwitch } from '../raft/unsafe';
import type { NetworkOptions } from '../sim/network';
import type { ClusterOptions } from '../sim/types';
import type { StorageMode } from './protocol';

export const CONFIG_VERSION = 1;

export interface ClusterConfig {
  readonly version: number;
  readonly clusterId: string;
  readonly nodes: number;
  readonly seed: number;
  readonly electionTimeoutMs: [number, number];
  readonly heartbeatMs: number;
  readonly network: Required<NetworkOptions>;
  /** 'memory' once storage failed: a reload then starts a fresh cluster. */
  readonly storage: StorageMode;
  /** Rules of Raft switched off (raft/unsafe.ts); absent or empty in every plain cluster. */
  readonly unsafe?: readonly UnsafeSwitch[];
  /** Batching and pipelining, when a run found by the failure finder chose its own. */
  readonly entriesPerAppendMax?: number;
  readonly inflightMax?: number;
  /** Features past the core Raft (sim/types.ts ClusterOptions); each absent when off. */
  readonly preVote?: true;
  readonly checkQuorum?: true;
  /** Absent: GETs go through the log. 'lease' needs checkQuorum. */
  readonly readMode?: 'readIndex' | 'lease';
}

export function newClusterConfig(
  partial: Partial<Omit<ClusterConfig, 'version' | 'clusterId'>> = {},
  randomId: () => string = () => Math.random().toString(36).slice(2, 10),
): ClusterConfig {
  return {
    version: CONFIG_VERSION,
    clusterId: randomId(),
    nodes: partial.nodes ?? APP_NODES_DEFAULT,
    seed: partial.seed ?? 1,
    electionTimeoutMs: partial.electionTimeoutMs ?? [ELECTION_TIMEOUT_MIN, ELECTION_TIMEOUT_MAX],
    heartbeatMs: partial.heartbeatMs ?? HEARTBEAT_INTERVAL,
    network: partial.network ?? {
      delayMs: [APP_DELAY_MIN, APP_DELAY_MAX],
      dropRate: 0,
      duplicateRate: 0,
    },
    storage: partial.storage ?? 'idb',
    ...(partial.unsafe === undefined || partial.unsafe.length === 0
      ? {}
      : { unsafe: partial.unsafe.filter(isUnsafeSwitch) }),
    ...(positiveInteger(partial.entriesPerAppendMax)
      ? { entriesPerAppendMax: partial.entriesPerAppendMax }
      : {}),
    ...(positiveInteger(partial.inflightMax) ? { inflightMax: partial.inflightMax } : {}),
    ...(partial.preVote === true ? { preVote: true } : {}),
    ...(partial.checkQuorum === true ? { checkQuorum: true } : {}),
    ...(partial.readMode === 'readIndex' || (partial.readMode === 'lease' && partial.checkQuorum)
      ? { readMode: partial.readMode }
      : {}),
  };
}

function positiveInteger(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) > 0;
}

/** A stored config, or null with the reason when it is missing or unusable. */
export function parseClusterConfig(text: string | null): {
  config: ClusterConfig | null;
  problem: string | null;
} {
  if (text === null) return { config: null, problem: null };
  try {
    const c = JSON.parse(text) as Partial<ClusterConfig>;
    if (c.version !== CONFIG_VERSION)
      return { config: null, problem: 'the saved cluster is from another version' };
    if (typeof c.clusterId !== 'string' || !/^[\w-]{1,40}$/.test(c.clusterId)) {
      return { config: null, problem: 'the saved cluster id is malformed' };
    }
    if (!Number.isInteger(c.nodes) || c.nodes! < APP_NODES_MIN || c.nodes! > APP_NODES_MAX) {
      return { config: null, problem: 'the saved node count is out of range' };
    }
    if (!Number.isInteger(c.seed)) return { config: null, problem: 'the saved seed is malformed' };
    if (!timingShapeOk(c))
      return { config: null, problem: 'the saved election timeout or heartbeat is malformed' };
    if (c.unsafe !== undefined && (!Array.isArray(c.unsafe) || !c.unsafe.every(isUnsafeSwitch)))
      return { config: null, problem: 'the saved cluster names an unknown safety switch' };
    const features = featuresProblem(c);
    if (features !== null) return { config: null, problem: features };
    return { config: newClusterConfig(c as ClusterConfig, () => c.clusterId!), problem: null };
  } catch {
    return { config: null, problem: 'the saved cluster settings could not be read' };
  }
}

function featuresProblem(c: Partial<ClusterConfig>): string | null {
  for (const flag of [c.preVote, c.checkQuorum] as unknown[]) {
    if (flag !== undefined && flag !== true) return 'the saved feature switches are malformed';
  }
  const mode = c.readMode as unknown;
  if (mode !== undefined && mode !== 'readIndex' && mode !== 'lease')
    return 'the saved read mode is unknown';
  if (mode === 'lease' && c.checkQuorum !== true)
    return 'the saved cluster reads on leases without CheckQuorum';
  return null;
}

/** Whole positive ms, min ≤ max; a lesson may pick any such timing, so no more is asked. */
function timingShapeOk(c: Partial<ClusterConfig>): boolean {
  const e = c.electionTimeoutMs as unknown;
  if (e !== undefined) {
    if (!Array.isArray(e) || e.length !== 2 || !e.every(positiveInteger)) return false;
    if (e[0] > e[1]) return false;
  }
  return c.heartbeatMs === undefined || positiveInteger(c.heartbeatMs);
}

/** The harness options of a browser cluster's config (the same run in process or in workers). */
export function clusterOptionsOf(config: ClusterConfig): ClusterOptions {
  return {
    nodes: config.nodes,
    seed: config.seed,
    electionTimeoutMs: config.electionTimeoutMs,
    heartbeatMs: config.heartbeatMs,
    network: config.network,
    ...(config.unsafe === undefined ? {} : { unsafe: config.unsafe }),
    ...(config.entriesPerAppendMax === undefined
      ? {}
      : { entriesPerAppendMax: config.entriesPerAppendMax }),
    ...(config.inflightMax === undefined ? {} : { inflightMax: config.inflightMax }),
    ...(config.preVote === true ? { preVote: true } : {}),
    ...(config.checkQuorum === true ? { checkQuorum: true } : {}),
    ...(config.readMode === undefined ? {} : { readMode: config.readMode }),
  };
}
