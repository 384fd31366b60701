/**
 * Throughput of the simulated cluster under a closed-loop workload: keep `outstandingMax`
 * commands uncommitted at the leader, run one virtual millisecond, repeat. The leader's
 * commit index is read from the live core (no log copies), so the figures are the
 * simulator's and the core's, not the harness's.
 */
import { createCluster } from '../../src/sim/index';
import { collectGarbage, MemoryPeak, megabytes } from '../memory';
import type { BenchRow, BenchSection } from '../types';

export interface ThroughputVariant {
  readonly name: string;
  readonly nodes: number;
  readonly checkInvariants: boolean;
  /** Commits before measuring (JIT warm-up, first election). */
  readonly warmupCommits: number;
  readonly commits: number;
}

export const OUTSTANDING_MAX = 64;
/** Virtual ms allowed for the first leader and for each measured phase. */
const VIRTUAL_MS_MAX = 10_000_000;

/** Checking invariants is measured on a shorter run, next to the same run without it. */
export const THROUGHPUT_VARIANTS: readonly ThroughputVariant[] = [
  variant('5 nodes', 5, false, 300_000),
  variant('5 nodes, 30k', 5, false, 30_000),
  variant('5 nodes, 30k, invariants on', 5, true, 30_000),
  variant('3 nodes', 3, false, 300_000),
  variant('9 nodes', 9, false, 300_000),
];

function variant(
  name: string,
  nodes: number,
  checkInvariants: boolean,
  commits: number,
): ThroughputVariant {
  return { name, nodes, checkInvariants, warmupCommits: Math.min(30_000, commits), commits };
}

export function benchClusterThroughput(
  variants: readonly ThroughputVariant[] = THROUGHPUT_VARIANTS,
): BenchSection {
  return {
    name: 'cluster throughput',
    description: `closed loop, ${OUTSTANDING_MAX} commands outstanding at the leader, cluster.run(1) per turn, reliable network [1, 5] ms, trace off`,
    rows: variants.map(measureVariant),
  };
}

function measureVariant(v: ThroughputVariant): BenchRow {
  collectGarbage();
  const cluster = createCluster({
    nodes: v.nodes,
    seed: 1,
    traceEventsMax: 0,
    checkInvariants: v.checkInvariants,
  });
  if (!cluster.runUntil(() => cluster.leader() !== null, VIRTUAL_MS_MAX)) {
    throw new Error(`${v.name}: no leader`);
  }
  let n = 0;
  /** Drives the closed loop until `count` more entries are committed; returns the turns. */
  const drive = (count: number, memory: MemoryPeak | null): number => {
    const start = committed();
    let turns = 0;
    while (committed() - start < count) {
      const leader = cluster.leader();
      if (leader !== null) {
        const raft = cluster.hostOf(leader).raft!;
        while (raft.lastIndex - raft.commitIndex < OUTSTANDING_MAX) cluster.submit(leader, n++);
      }
      cluster.run(1);
      memory?.tick();
      if (++turns > VIRTUAL_MS_MAX) throw new Error(`${v.name}: stalled at ${committed()}`);
    }
    return turns;
  };
  const committed = (): number => {
    const leader = cluster.leader();
    return leader === null ? 0 : cluster.hostOf(leader).raft!.commitIndex;
  };
  drive(v.warmupCommits, null);
  const memory = new MemoryPeak(256);
  const eventsBefore = cluster.events;
  const commitBefore = committed();
  const started = performance.now();
  const virtualMs = drive(v.commits, memory);
  const seconds = (performance.now() - started) / 1000;
  memory.sample();
  const commits = committed() - commitBefore;
  const events = cluster.events - eventsBefore;
  return {
    name: v.name,
    figures: {
      commits,
      'wall s': round(seconds, 2),
      'commits/s': Math.round(commits / seconds),
      'events/s': Math.round(events / seconds),
      'events/commit': round(events / commits, 2),
      'virtual ms': virtualMs,
      'heap peak MB': megabytes(memory.heapUsedMax),
      'rss peak MB': megabytes(memory.rssMax),
      violations: cluster.violations().length,
    },
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
