/**
 * The KV part of a chaos run (--kv): clients doing random operations through the fault
 * phase, then the checks that matter to them: the history is linearizable, and each
 * client's appends to its own key landed exactly once and in order on every node.
 */
import { checkLinearizability } from '../../check/linearizability/check';
import type { SimCluster } from '../cluster';
import { appendProblems, KvWorkload, workloadRng } from './kv-workload';
import type { ChaosOptions } from './options';

/** Virtual ms between two chances for idle clients to start an operation. */
const TICK = 5;
/** Time the linearizability check may take per seed (wall ms) before it says "unknown". */
export const CHECK_BUDGET_MS = 2000;

export class ChaosKv {
  private readonly workload: KvWorkload;

  constructor(
    private readonly cluster: SimCluster,
    o: ChaosOptions,
  ) {
    this.workload = new KvWorkload(cluster, workloadRng(o.seed), {
      clients: o.kvClients,
      opsPerClient: 10_000,
      client: {
        attemptTimeoutMs: Math.max(50, o.heartbeatMs * 2),
        deadlineMs: 20 * o.electionTimeoutMs[1],
      },
    });
  }

  /** Clients start operations until `until` (virtual ms), one at a time each. */
  start(until: number): void {
    const tick = () => {
      if (this.cluster.now >= until) return;
      this.workload.startSome();
      this.cluster.schedule(TICK, tick);
    };
    this.cluster.schedule(TICK, tick);
  }

  /** After the heal: let every call end (it returns, or its deadline passes). */
  settle(maxMs: number): string[] {
    const c = this.cluster;
    if (!c.runUntil(() => this.workload.inProgress === 0, maxMs)) {
      return [`${this.workload.inProgress} KV calls still running ${maxMs} ms after the heal`];
    }
    // Followers learn the last commits with the next AppendEntries: wait for every node.
    const caughtUp = () => {
      const leader = c.leader();
      if (leader === null) return false;
      const commit = c.hostOf(leader).raft!.commitIndex;
      return Array.from({ length: c.size }, (_, id) => c.hostOf(id).raft?.lastApplied ?? -1).every(
        (a) => a >= commit,
      );
    };
    return c.runUntil(caughtUp, maxMs)
      ? []
      : [`nodes did not apply the last KV commands within ${maxMs} ms`];
  }

  /** What is wrong with what the clients saw, in words; and whether the check was conclusive. */
  check(): { failures: string[]; inconclusive: boolean } {
    const history = this.cluster.kvHistory();
    const result = checkLinearizability(history, { budgetMs: CHECK_BUDGET_MS });
    const failures = appendProblems(this.cluster, this.workload);
    if (result.verdict === 'illegal')
      failures.unshift(`KV history not linearizable: ${result.message}`);
    return { failures, inconclusive: result.verdict === 'unknown' };
  }

  get calls(): number {
    return this.cluster.kvHistory().length;
  }
}
