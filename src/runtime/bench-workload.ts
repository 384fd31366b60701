/**
 * A closed-loop workload for benchmarks: keep `outstanding` commands uncommitted at the
 * leader, measure commits per wall second and the wall latency from proposal to commit.
 */
import type { NodeHost } from '../sim/host';
import type { LiveCluster } from './live-cluster';

export interface ClosedLoopResult {
  readonly commits: number;
  readonly wallMs: number;
  readonly commitsPerSecond: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly wallMsPerEvent: number;
  readonly latencyMedianMs: number;
  readonly latencyP99Ms: number;
}

export async function closedLoop(
  cluster: LiveCluster<NodeHost>,
  opts: { commits: number; outstanding: number; sliceMs: number },
): Promise<ClosedLoopResult> {
  if (!(await cluster.runUntil(() => cluster.leader() !== null, 5000)))
    throw new Error('no leader within 5 s');
  const leader = cluster.leader()!;
  const proposedAt = new Map<number, number>();
  const latencies: number[] = [];
  let committed = 0;
  const stop = cluster.onEvent((e) => {
    if (e.kind !== 'commit' || e.node !== leader) return;
    const now = performance.now();
    for (let i = committed + 1; i <= e.commitIndex; i++) {
      const t = proposedAt.get(i);
      if (t !== undefined) {
        latencies.push(now - t);
        proposedAt.delete(i);
      }
    }
    committed = e.commitIndex;
  });
  const startIndex = cluster.hostOf(leader).status()!.lastIndex;
  const target = startIndex + opts.commits;
  const events0 = cluster.events;
  const started = performance.now();
  let next = startIndex;
  while (committed < target) {
    if (cluster.leader() !== leader) throw new Error('leadership changed during the benchmark');
    const batch: number[] = [];
    while (next - committed < opts.outstanding && next < target) batch.push(next++);
    const proposedWall = performance.now();
    for (const r of await cluster.proposeMany(leader, batch)) {
      if (r.index !== undefined) proposedAt.set(r.index, proposedWall);
    }
    await cluster.advance(cluster.now + opts.sliceMs, 100_000, 50);
  }
  const wallMs = performance.now() - started;
  stop();
  const events = cluster.events - events0;
  latencies.sort((a, b) => a - b);
  return {
    commits: opts.commits,
    wallMs,
    commitsPerSecond: (opts.commits / wallMs) * 1000,
    events,
    eventsPerSecond: (events / wallMs) * 1000,
    wallMsPerEvent: wallMs / events,
    latencyMedianMs: latencies[Math.floor(latencies.length / 2)] ?? 0,
    latencyP99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}
