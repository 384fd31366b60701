/**
 * One chaos run: a cluster built from the seed's options, a fault phase with the workload
 * running, a convergence phase, then the checks. Invariants are checked by the cluster
 * after every event; this adds liveness and the fate of every command seen committed.
 */

import type { SimCluster } from '../cluster';
import { RecordingCluster } from '../find/recording-cluster';
import { createCluster } from '../index';
import type { ClusterOptions } from '../types';
import { checkFinalState, type FinalNode } from './checks';
import { converge, eventsMaxSentence, healAll, runBounded } from './converge';
import type { FaultRecord } from './faults';
import { ChaosKv } from './kv-clients';
import type { ChaosOptions } from './options';
import { FaultSchedule } from './schedule';
import { Workload } from './workload';

export interface SeedResult {
  readonly options: ChaosOptions;
  readonly ok: boolean;
  /** Broken invariants, as the cluster's checker words them. */
  readonly violations: string[];
  /** Failed end-of-run checks: liveness, committed commands, prefixes. */
  readonly failures: string[];
  readonly events: number;
  /** Workload commands seen committed (the final command included). */
  readonly commits: number;
  readonly commandsAccepted: number;
  /** The highest commit index of any node at the end. */
  readonly commitIndex: number;
  readonly faults: readonly FaultRecord[];
  readonly faultCounts: Partial<Record<FaultRecord['kind'], number>>;
  readonly leaderAfter: number | null;
  readonly finalAppliedAfter: number | null;
  /** Virtual ms at the end. */
  readonly virtualTime: number;
  readonly wallMs: number;
  /** KV client calls made (with --kv). */
  readonly kvCalls: number;
  /** The linearizability check ran out of time (neither ok nor illegal). */
  readonly kvInconclusive: boolean;
}

/**
 * Ways for a test to break a run on purpose and see the runner report it. Never set by
 * the command line.
 */
export interface ChaosHooks {
  /** After the fault phase, before the heal. */
  afterFaultPhase?(cluster: SimCluster): void;
  /** After the heal, before waiting for a leader. */
  afterHeal?(cluster: SimCluster): void;
  /** Before the end-of-run checks read them. */
  beforeChecks?(nodes: FinalNode[], workload: Workload): void;
}

export interface SeedRunSettings {
  /** Trace events to keep for a trace file; 0 (the default) keeps none, which is fastest. */
  readonly traceEventsMax?: number;
  readonly hooks?: ChaosHooks;
  /** Write down every intervention (the failure finder replays and shrinks them). */
  readonly record?: boolean;
}

export function runSeed(
  o: ChaosOptions,
  settings: SeedRunSettings = {},
): { result: SeedResult; cluster: SimCluster } {
  const started = performance.now();
  const hooks = settings.hooks ?? {};
  const cluster = (settings.record === true ? newRecordingCluster : createCluster)({
    nodes: o.nodes,
    seed: o.seed,
    electionTimeoutMs: [o.electionTimeoutMs[0], o.electionTimeoutMs[1]],
    heartbeatMs: o.heartbeatMs,
    entriesPerAppendMax: o.entriesPerAppendMax,
    inflightMax: o.inflightMax,
    traceEventsMax: settings.traceEventsMax ?? 0,
    checkInvariants: true,
    ...(o.bug === undefined ? {} : { unsafe: [o.bug] }),
    preVote: o.preVote,
    checkQuorum: o.checkQuorum,
    readMode: o.readMode,
    clockDriftMax: o.clockDriftMax,
  });
  const workload = new Workload(cluster, o);
  const schedule = new FaultSchedule(cluster, o);
  const kv = o.kv ? new ChaosKv(cluster, o) : null;
  const failures: string[] = [];
  workload.start(o.faultPhaseDuration);
  kv?.start(o.faultPhaseDuration);
  schedule.start(o.faultPhaseDuration);
  const phase = runBounded(cluster, () => false, o.faultPhaseDuration, o.eventsMax);
  if (phase === 'eventsMax') failures.push(eventsMaxSentence(o, 'fault phase'));
  hooks.afterFaultPhase?.(cluster);
  healAll(cluster, o);
  hooks.afterHeal?.(cluster);
  const convergence = phase === 'eventsMax' ? null : converge(cluster, workload, o);
  if (convergence !== null) failures.push(...convergence.failures);
  const nodes = finalNodes(cluster);
  hooks.beforeChecks?.(nodes, workload);
  // Without a final command everywhere, nodes may lag: the checks would only repeat that.
  if (convergence?.final) failures.push(...checkFinalState(nodes, workload.committed, o.seed));
  failures.push(...workload.mismatches);
  let kvInconclusive = false;
  if (kv !== null && convergence?.final) {
    failures.push(...kv.settle(o.commitWaitMax));
    const checked = kv.check();
    failures.push(...checked.failures);
    kvInconclusive = checked.inconclusive;
  }
  const violations = cluster.violations();
  const result: SeedResult = {
    options: o,
    ok: violations.length === 0 && failures.length === 0,
    violations,
    failures,
    events: cluster.events,
    commits: workload.committed.length,
    commandsAccepted: workload.accepted,
    commitIndex: Math.max(0, ...nodes.map((n) => n.commitIndex)),
    faults: schedule.faults,
    faultCounts: schedule.counts(),
    leaderAfter: convergence?.leaderAfter ?? null,
    finalAppliedAfter: convergence?.finalAppliedAfter ?? null,
    virtualTime: cluster.now,
    wallMs: performance.now() - started,
    kvCalls: kv?.calls ?? 0,
    kvInconclusive,
  };
  return { result, cluster };
}

function finalNodes(cluster: SimCluster): FinalNode[] {
  const nodes: FinalNode[] = [];
  for (let id = 0; id < cluster.size; id++) {
    const raft = cluster.hostOf(id).raft;
    nodes.push({
      id,
      log: raft === null ? [] : raft.log,
      commitIndex: raft === null ? 0 : raft.commitIndex,
      applied: cluster.applied(id),
    });
  }
  return nodes;
}

function newRecordingCluster(opts: ClusterOptions): RecordingCluster {
  return new RecordingCluster(opts);
}
