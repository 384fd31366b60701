/**
 * The failure finder: chaos runs with one rule of Raft switched off, seed after seed,
 * until one breaks a rule in a way its recorded interventions replay. Plain chaos checks
 * more (liveness, the fate of commands); the finder keeps to what a replay can show: a
 * broken invariant, or (for a KV rule) a client history that is not linearizable.
 */
import { chaosNeeds, type UnsafeSwitch } from '../../raft/unsafe';
import { type ChaosOptions, chaosOptions } from '../chaos/options';
import { runSeed } from '../chaos/run-seed';
import { DEFAULT_NETWORK } from '../network';
import { FAILING_RUN_VERSION, type FailingRun, replayVerdict } from './failing-run';
import type { RecordingCluster } from './recording-cluster';

/** What a search may choose beyond the switch: the cluster's size and the network. */
export interface SearchFlags {
  readonly nodes: number;
  readonly unreliable: boolean;
}

/** A search's default: chaos's 5 nodes (or what the switch needs) on a reliable network. */
export function searchDefault(bug: UnsafeSwitch): SearchFlags {
  return { nodes: chaosNeeds(bug).nodes ?? 5, unreliable: false };
}

/** The chaos options of one seed of a search for this switch's anomaly. */
export function findOptions(
  bug: UnsafeSwitch,
  seed: number,
  flags = searchDefault(bug),
): ChaosOptions {
  return chaosOptions(seed, {
    ...flags,
    strictLiveness: false,
    kv: chaosNeeds(bug).kv === true,
    bug,
  });
}

/** One seed: its failing run as data, or null if it passed or its replay does not fail. */
export function tryFindSeed(
  bug: UnsafeSwitch,
  seed: number,
  flags = searchDefault(bug),
): FailingRun | null {
  const o = findOptions(bug, seed, flags);
  const { result, cluster } = runSeed(o, { record: true });
  if (result.ok) return null;
  const run: Omit<FailingRun, 'violation'> = {
    version: FAILING_RUN_VERSION,
    bug,
    options: {
      nodes: o.nodes,
      seed: o.seed,
      electionTimeoutMs: o.electionTimeoutMs,
      heartbeatMs: o.heartbeatMs,
      entriesPerAppendMax: o.entriesPerAppendMax,
      inflightMax: o.inflightMax,
      network: {
        delayMs: [DEFAULT_NETWORK.delayMs[0], DEFAULT_NETWORK.delayMs[1]],
        dropRate: DEFAULT_NETWORK.dropRate,
        duplicateRate: DEFAULT_NETWORK.duplicateRate,
      },
    },
    interventions: (cluster as RecordingCluster).recorded,
    until: result.virtualTime,
    checkClients: o.kv,
  };
  const violation = replayVerdict(run);
  return violation === null ? null : { ...run, violation };
}

export interface FindSettings {
  readonly flags?: SearchFlags;
  readonly firstSeed?: number;
  /** Seeds to try at most. */
  readonly seeds: number;
  /** Try every `stride`-th seed from firstSeed (a worker among `stride` workers). */
  readonly stride?: number;
  readonly shouldStop?: () => boolean;
  readonly onSeed?: (seed: number) => void;
}

/** The first seed's failing run, or null if none of the seeds fails (or a stop came). */
export function findFailure(bug: UnsafeSwitch, settings: FindSettings): FailingRun | null {
  const first = settings.firstSeed ?? 1;
  const stride = settings.stride ?? 1;
  for (let k = 0; k < settings.seeds; k++) {
    if (settings.shouldStop?.() === true) return null;
    const seed = first + k * stride;
    const found = tryFindSeed(bug, seed, settings.flags);
    settings.onSeed?.(seed);
    if (found !== null) return found;
  }
  return null;
}
