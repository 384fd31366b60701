/**
 * A closed-loop workload for benchmarks: keep `outstanding` commands uncommitted at the
 * leader, measure commits per wall second and the wall latency from proposal to commit
 * (observed between slices of `sliceMs` virtual ms).
 */
import type { AsyncHost } from '../sim/host';
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

export interface ClosedLoopOptions {
  readonly commits: number;
  readonly outstanding: number;
  readonly sliceMs: number;
  /** Build trace events as the app does (for its views), though nobody keeps them here. */
  readonly traced: boolean;
}

export async function closedLoop(
  cluster: LiveCluster<AsyncHost>,
  opts: ClosedLoopOptions,
): Promise<ClosedLoopResult> {
  if (!(await cluster.runUntil(() => cluster.leader() !== null, 5000)))
    throw new Error('no leader within 5 s');
  const leader = cluster.leader()!;
  const host = cluster.hostOf(leader);
  const stopTracing = opts.traced ? cluster.onEvent(() => {}) : () => {};
  const proposedAt = new Map<number, number>();
  const latencies: number[] = [];
  let committed = host.status()!.commitIndex;
  const target = host.status()!.lastIndex + opts.commits;
  let next = host.status()!.lastIndex;
  const events0 = cluster.events;
  const started = performance.now();
  while (committed < target) {
    if (cluster.leader() !== leader) throw new Error('leadership changed during the benchmark');
    const batch: number[] = [];
    while (next - committed < opts.outstanding && next < target) batch.push(next++);
    const proposedWall = performance.now();
    for (const r of await cluster.proposeMany(leader, batch)) {
      if (r.index !== undefined) proposedAt.set(r.index, proposedWall);
    }
    await cluster.advance(cluster.now + opts.sliceMs, 100_000, 50);
    const now = performance.now();
    const commitIndex = host.status()!.commitIndex;
    for (let i = committed + 1; i <= commitIndex; i++) {
      const t = proposedAt.get(i);
      if (t !== undefined) latencies.push(now - t);
      proposedAt.delete(i);
    }
    committed = commitIndex;
  }
  const wallMs = performance.now() - started;
  stopTracing();
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
