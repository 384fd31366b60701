/**
 * The convergence phase: heal the network, make it reliable, restart every crashed node,
 * then demand liveness within bounds: a leader, and one final command committed and
 * applied by every node. A leader may fall while the final command is on its way; then
 * another final command goes to the next leader, a bounded number of times.
 */
import type { SimCluster } from '../cluster';
import { DEFAULT_NETWORK } from '../network';
import type { NodeId } from '../types';
import type { ChaosOptions } from './options';
import type { Submission, Workload } from './workload';

export interface Convergence {
  /** Virtual ms from the heal until some node led; null if none did in time. */
  readonly leaderAfter: number | null;
  /** Virtual ms from the heal until every node applied the final command. */
  readonly finalAppliedAfter: number | null;
  /** The final command that every node applied. */
  readonly final: Submission | null;
  readonly failures: string[];
}

export type RunOutcome = 'held' | 'timeout' | 'eventsMax';

/** Runs until `pred` holds, `maxMs` pass, or the run's event budget is spent. */
export function runBounded(
  cluster: SimCluster,
  pred: () => boolean,
  maxMs: number,
  eventsMax: number,
): RunOutcome {
  let over = false;
  const held = cluster.runUntil(() => {
    if (cluster.events > eventsMax) over = true;
    return over || pred();
  }, maxMs);
  if (over) return 'eventsMax';
  return held ? 'held' : 'timeout';
}

export function eventsMaxSentence(o: ChaosOptions, phase: string): string {
  return `Liveness: the run passed ${o.eventsMax} events in the ${phase} (a livelock?)`;
}

/** Every link up, every node connected and running; with `unreliable`, a reliable network too. */
export function healAll(cluster: SimCluster, o: Pick<ChaosOptions, 'unreliable'>): void {
  cluster.heal();
  if (o.unreliable) {
    const [min, max] = DEFAULT_NETWORK.delayMs;
    cluster.setNetwork({ dropRate: 0, duplicateRate: 0, delayMs: [min, max] });
  }
  for (let id = 0; id < cluster.size; id++) {
    if (!cluster.hostOf(id).alive) cluster.restart(id);
  }
}

/** Call right after `healAll`: waits for a leader, then for the final command. */
export function converge(cluster: SimCluster, workload: Workload, o: ChaosOptions): Convergence {
  const healedAt = cluster.now;
  const failures: string[] = [];
  const none = { leaderAfter: null, finalAppliedAfter: null, final: null, failures };
  const got = runBounded(cluster, () => cluster.leader() !== null, o.leaderWaitMax, o.eventsMax);
  if (got !== 'held') {
    failures.push(
      got === 'eventsMax'
        ? eventsMaxSentence(o, 'convergence phase')
        : `Liveness: no leader within ${o.leaderWaitMax} ms after the heal; ${describeNodes(cluster)}`,
    );
    return none;
  }
  const leaderAfter = cluster.now - healedAt;
  const allowance = catchUpAllowance(cluster, o);
  const deadline = cluster.now + o.commitWaitMax + allowance;
  const final = commitFinal(cluster, workload, o, deadline);
  if (final === 'eventsMax') {
    failures.push(eventsMaxSentence(o, 'convergence phase'));
    return { ...none, leaderAfter };
  }
  if (final === null) {
    failures.push(
      `Liveness: no final command was applied by every node within ${o.commitWaitMax} + ${allowance} ms (catch-up) after a leader was found (${o.finalAttemptsMax} attempts at most); ${describeNodes(cluster)}`,
    );
    return { ...none, leaderAfter };
  }
  return { leaderAfter, finalAppliedAfter: cluster.now - healedAt, final, failures };
}

function commitFinal(
  cluster: SimCluster,
  workload: Workload,
  o: ChaosOptions,
  deadline: number,
): Submission | null | 'eventsMax' {
  for (let attempt = 0; attempt < o.finalAttemptsMax; attempt++) {
    const remaining = deadline - cluster.now;
    if (remaining <= 0) return null;
    const leader = cluster.leader();
    const sub = leader === null ? null : workload.submitTo(leader);
    const pred =
      sub !== null
        ? () => appliedEverywhere(cluster, sub.index) || leadershipLost(cluster, sub)
        : leader === null
          ? () => cluster.leader() !== null
          : // A leader handing over refuses commands until the transfer ends or succeeds.
            () => cluster.leader() !== leader || !transferring(cluster, leader);
    const outcome = runBounded(cluster, pred, remaining, o.eventsMax);
    if (outcome === 'eventsMax') return 'eventsMax';
    if (sub !== null && appliedEverywhere(cluster, sub.index) && heldEverywhere(cluster, sub)) {
      return sub;
    }
  }
  return null;
}

/** Time for the backlog: what the leader holds beyond the least commit index anywhere. */
function catchUpAllowance(cluster: SimCluster, o: ChaosOptions): number {
  const leader = cluster.leader();
  if (leader === null || o.catchUpPerEntry === 0) return 0;
  let commitMin = Infinity;
  for (let id = 0; id < cluster.size; id++) {
    commitMin = Math.min(commitMin, cluster.hostOf(id).raft?.commitIndex ?? 0);
  }
  const backlog = cluster.hostOf(leader).raft!.lastIndex - commitMin;
  return Math.ceil(Math.max(0, backlog) * o.catchUpPerEntry);
}

function transferring(cluster: SimCluster, id: NodeId): boolean {
  return (cluster.hostOf(id).raft?.transferringTo ?? null) !== null;
}

function appliedEverywhere(cluster: SimCluster, index: number): boolean {
  for (let id = 0; id < cluster.size; id++) {
    const raft = cluster.hostOf(id).raft;
    if (raft === null || raft.lastApplied < index) return false;
  }
  return true;
}

function heldEverywhere(cluster: SimCluster, sub: Submission): boolean {
  for (let id = 0; id < cluster.size; id++) {
    const entry = cluster.hostOf(id).raft?.log[sub.index - 1];
    if (entry === undefined || entry.term !== sub.term) return false;
  }
  return true;
}

function leadershipLost(cluster: SimCluster, sub: Submission): boolean {
  const raft = cluster.hostOf(sub.node).raft;
  return raft === null || raft.role !== 'leader' || raft.term !== sub.term;
}

/** "node 0: leader term 7 commit 120 applied 120, node 1: crashed, ..." */
export function describeNodes(cluster: SimCluster): string {
  const parts: string[] = [];
  for (let id: NodeId = 0; id < cluster.size; id++) {
    const raft = cluster.hostOf(id).raft;
    parts.push(
      raft === null
        ? `node ${id}: crashed`
        : `node ${id}: ${raft.role} term ${raft.term} log ${raft.lastIndex} commit ${raft.commitIndex} applied ${raft.lastApplied}`,
    );
  }
  return parts.join(', ');
}
