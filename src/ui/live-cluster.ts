/**
 * Runs a simulated cluster against the wall clock and feeds the store one snapshot per
 * animation frame. Simulation lives here, never in components.
 */
import { createCluster, type SimCluster } from '../sim';
import { type ClusterSnapshot, useClusterStore } from './store';

export interface LiveOptions {
  nodes: number;
  seed: number;
  /** Virtual ms per wall ms. */
  speed: number;
}

export function snapshotOf(cluster: SimCluster): ClusterSnapshot {
  return {
    now: cluster.now,
    nodes: Array.from({ length: cluster.size }, (_, id) => cluster.node(id)),
    leader: cluster.leader(),
    violations: cluster.violations(),
    messagesInFlight: cluster.inFlight().length,
  };
}

/** Starts the cluster; returns a function that stops it. */
export function startLiveCluster(opts: LiveOptions): () => void {
  const cluster = createCluster({ nodes: opts.nodes, seed: opts.seed, traceEventsMax: 10_000 });
  let last = performance.now();
  let frame = 0;
  let commandCount = 0;
  const tick = (nowWall: number) => {
    // rAF timestamps can precede the performance.now() taken at start: clamp at 0.
    const elapsed = Math.max(0, Math.min(100, nowWall - last));
    last = nowWall;
    cluster.run(elapsed * opts.speed);
    // A light steady workload, so logs grow while you watch.
    const leader = cluster.leader();
    if (leader !== null && Math.floor(cluster.now / 1000) > commandCount) {
      commandCount++;
      cluster.submit(leader, `cmd ${commandCount}`);
    }
    useClusterStore.getState().setSnapshot(snapshotOf(cluster));
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}
