/**
 * Every knob of one chaos run, derived from its seed (VOPR's swarm testing): the cluster's
 * timing, which faults happen and how often, the network's misbehaviour, the workload and
 * the bounds of the convergence phase. The seed and the two flags reproduce the run.
 */

import { HARNESS_NODES_MAX } from '../../defaults';
import type { ReadMode } from '../../raft/types';
import type { UnsafeSwitch } from '../../raft/unsafe';
import { deriveSeed, Rng } from '../../util/rng';

/** What the command line chooses; everything else comes from the seed. */
export interface ChaosFlags {
  readonly nodes: number;
  /** Also lose, duplicate and delay messages during the fault phase. */
  readonly unreliable: boolean;
  /**
   * Give the final command no extra time for the backlog it waits behind. Off, the wait
   * grows by one heartbeat per batch of backlog (`catchUpPerEntry`), the floor of the
   * paper's basic scheme, in which a leader sends at least one AppendEntries per heartbeat.
   */
  readonly strictLiveness: boolean;
  /** Also run KV clients (sessions, retries) and check their history's linearizability. */
  readonly kv: boolean;
  /** A rule of Raft switched off (raft/unsafe.ts): the run should then be caught. */
  readonly bug?: UnsafeSwitch;
  /** Features past the core Raft to switch on (`--features`); none by default. */
  readonly features?: readonly ChaosFeature[];
}

/** What `--features` may name; `all` is every one of them. */
export const CHAOS_FEATURES = ['preVote', 'checkQuorum', 'transfer', 'readIndex', 'lease'] as const;
export type ChaosFeature = (typeof CHAOS_FEATURES)[number];

export const FAULT_KINDS = [
  'crash',
  'restart',
  'partition',
  'isolateLeader',
  'linkCut',
  'disconnect',
  'reconnect',
  'heal',
  'expireElection',
  'network',
  // Last, and weighted from a stream of its own: a seed without --features is unchanged.
  'transferLeadership',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ChaosOptions extends ChaosFlags {
  readonly seed: number;
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
  readonly entriesPerAppendMax: number;
  readonly inflightMax: number;
  /** Virtual ms of faults and workload before the heal. */
  readonly faultPhaseDuration: number;
  /** Virtual ms between two faults, uniform in [min, max]. */
  readonly faultGapMin: number;
  readonly faultGapMax: number;
  /** Relative weight of each fault kind; 0 disables it for this seed. */
  readonly faultWeights: Readonly<Record<FaultKind, number>>;
  /**
   * Chance that a leader is cut off into a minority the moment its commit index moves,
   * before its next messages leave: the window of the paper's Figure 8.
   */
  readonly isolateOnCommitChance: number;
  /** Most nodes crashed at once. */
  readonly crashedMax: number;
  /** Bounds of the random network settings (unreliable only). */
  readonly dropRateMax: number;
  readonly duplicateRateMax: number;
  readonly delayMax: number;
  /** Virtual ms between two workload ticks, uniform in [min, max]. */
  readonly commandGapMin: number;
  readonly commandGapMax: number;
  /** Most commands one workload tick submits. */
  readonly commandsPerTickMax: number;
  /** When several nodes believe they lead, how often a tick picks any of them, not the newest. */
  readonly staleLeaderShare: number;
  /** Most commands of the whole workload. */
  readonly commandsMax: number;
  /** After the heal: virtual ms until some node must lead. */
  readonly leaderWaitMax: number;
  /** After a leader is found: virtual ms until the final command is applied everywhere. */
  readonly commitWaitMax: number;
  /** Extra wait per entry the final command queues behind (0 with strictLiveness). */
  readonly catchUpPerEntry: number;
  /** Most final commands submitted while leaders come and go. */
  readonly finalAttemptsMax: number;
  /** Most simulator events in the whole run: a livelock fails instead of hanging. */
  readonly eventsMax: number;
  /** KV clients (with --kv), each doing one op at a time. */
  readonly kvClients: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** With both readIndex and lease among the features, the seed picks one. */
  readonly readMode: ReadMode;
  readonly clockDriftMax: number;
}

export const DROP_RATE_MAX = 0.3;
export const DUPLICATE_RATE_MAX = 0.1;
export const DELAY_MAX = 50;

export function chaosOptions(seed: number, flags: ChaosFlags): ChaosOptions {
  checkFlags(seed, flags);
  const rng = new Rng(deriveSeed(seed, 'chaos-options'));
  const electionTimeoutMin = rng.int(100, 300);
  const electionTimeoutMax =
    electionTimeoutMin + rng.int(Math.floor(electionTimeoutMin / 2), electionTimeoutMin);
  const heartbeatMs = rng.int(
    Math.floor(electionTimeoutMin / 10),
    Math.floor(electionTimeoutMin / 3),
  );
  const entriesPerAppendMax = rng.pick([1, 2, 4, 16, 64]);
  const faultGapMin = rng.int(10, 200);
  const commandGapMin = rng.int(1, 20);
  const { transferWeight, ...features } = featureOptions(seed, flags.features ?? []);
  return {
    ...flags,
    seed,
    electionTimeoutMs: [electionTimeoutMin, electionTimeoutMax],
    heartbeatMs,
    entriesPerAppendMax,
    inflightMax: rng.pick([1, 2, 4, 8]),
    faultPhaseDuration: rng.int(2_000, 8_000),
    faultGapMin,
    faultGapMax: faultGapMin + rng.int(0, 600),
    faultWeights: { ...faultWeights(rng, flags.unreliable), transferLeadership: transferWeight },
    crashedMax: rng.int(1, flags.nodes),
    isolateOnCommitChance: rng.pick([0, 0, 0.005, 0.05]),
    dropRateMax: rng.pick([0.01, 0.1, DROP_RATE_MAX]),
    duplicateRateMax: rng.pick([0, 0.02, DUPLICATE_RATE_MAX]),
    delayMax: rng.pick([5, 20, DELAY_MAX]),
    commandGapMin,
    commandGapMax: commandGapMin + rng.int(0, 40),
    commandsPerTickMax: rng.pick([1, 1, 2, 8]),
    staleLeaderShare: rng.pick([0, 0.5, 1]),
    commandsMax: 3_000,
    leaderWaitMax: 30 * electionTimeoutMax,
    commitWaitMax: 30 * electionTimeoutMax,
    catchUpPerEntry: flags.strictLiveness ? 0 : heartbeatMs / entriesPerAppendMax,
    finalAttemptsMax: 20,
    eventsMax: 500_000,
    // A stream of its own, so --kv leaves every other knob of a seed as it was.
    kvClients: flags.kv ? new Rng(deriveSeed(seed, 'chaos-kv')).int(2, 6) : 0,
    ...features,
  };
}

/** The features' knobs, from a stream of their own (a seed without features is unchanged). */
function featureOptions(seed: number, features: readonly ChaosFeature[]) {
  const rng = new Rng(deriveSeed(seed, 'chaos-features'));
  const on = (f: ChaosFeature) => features.includes(f);
  const modes: ReadMode[] = [];
  if (on('readIndex')) modes.push('readIndex');
  if (on('lease')) modes.push('lease');
  const readMode: ReadMode = modes.length === 0 ? 'log' : rng.pick(modes);
  return {
    preVote: on('preVote'),
    // Leases are safe only with CheckQuorum: a lease run always has it.
    checkQuorum: on('checkQuorum') || readMode === 'lease',
    readMode,
    clockDriftMax: readMode === 'lease' ? rng.pick([0, 0.01, 0.05, 0.2]) : 0,
    transferWeight: on('transfer') ? rng.pick([1, 2, 4]) : 0,
  };
}

/** Swarm testing: each seed leaves some fault kinds out and favours others. */
function faultWeights(rng: Rng, unreliable: boolean): Record<FaultKind, number> {
  const weights = {} as Record<FaultKind, number>;
  for (const kind of FAULT_KINDS)
    weights[kind] = kind === 'transferLeadership' ? 0 : rng.pick([0, 1, 2, 4]);
  // Unreliable seeds always misbehave on the network (else they repeat a reliable seed).
  weights.network = unreliable ? Math.max(1, weights.network) : 0;
  // Something must happen, or the seed only tests a quiet cluster: keep crashes on then.
  if (FAULT_KINDS.every((kind) => weights[kind] === 0)) weights.crash = 1;
  // What is taken must come back in the fault phase too, not only at the final heal.
  if (weights.crash > 0 && weights.restart === 0) weights.restart = 1;
  return weights;
}

function checkFlags(seed: number, flags: ChaosFlags): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`a chaos seed must be an integer >= 0, got ${seed}`);
  }
  if (!Number.isInteger(flags.nodes) || flags.nodes < 1 || flags.nodes > HARNESS_NODES_MAX) {
    throw new Error(
      `--nodes must be an integer from 1 to ${HARNESS_NODES_MAX}, got ${flags.nodes}`,
    );
  }
}

/** One line that names every knob, printed with the seed. */
export function describeOptions(o: ChaosOptions): string {
  const weights = FAULT_KINDS.filter((k) => o.faultWeights[k] > 0)
    .map((k) => `${k}:${o.faultWeights[k]}`)
    .join(' ');
  const network = o.unreliable
    ? ` dropRateMax=${o.dropRateMax} duplicateRateMax=${o.duplicateRateMax} delayMax=${o.delayMax}`
    : '';
  return [
    `seed=${o.seed} nodes=${o.nodes} unreliable=${o.unreliable} strictLiveness=${o.strictLiveness} kv=${o.kv}${o.bug === undefined ? '' : ` bug=${o.bug}`}`,
    `electionTimeoutMs=[${o.electionTimeoutMs.join(', ')}] heartbeatMs=${o.heartbeatMs}`,
    `entriesPerAppendMax=${o.entriesPerAppendMax} inflightMax=${o.inflightMax}`,
    `faultPhaseDuration=${o.faultPhaseDuration} faultGap=[${o.faultGapMin}, ${o.faultGapMax}]`,
    `faults={${weights}} isolateOnCommitChance=${o.isolateOnCommitChance} crashedMax=${o.crashedMax}${network}`,
    `commandGap=[${o.commandGapMin}, ${o.commandGapMax}] commandsPerTickMax=${o.commandsPerTickMax} staleLeaderShare=${o.staleLeaderShare}`,
    `leaderWaitMax=${o.leaderWaitMax} commitWaitMax=${o.commitWaitMax} catchUpPerEntry=${o.catchUpPerEntry}`,
    ...((o.features ?? []).length === 0
      ? []
      : [
          `preVote=${o.preVote} checkQuorum=${o.checkQuorum} readMode=${o.readMode} clockDriftMax=${o.clockDriftMax}`,
        ]),
  ].join(' ');
}
