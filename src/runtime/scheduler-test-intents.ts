/**
 * The scheduler's test and benchmark intents (e2e/runtime.spec.ts, bench/*.ts): loaded by
 * the scheduler worker only in builds made with VITE_TEST_API=1, so the production bundle
 * carries none of this.
 */
import { HARNESS_DELAY_MAX, HARNESS_DELAY_MIN } from '../defaults';
import { answeringLater } from '../sim/host';
import { InProcessHost } from '../sim/in-process-host';
import { nodeConfigs, resolveOptions } from '../sim/options';
import { type RunScript, runScript } from '../sim/script';
import { type ClosedLoopResult, closedLoop } from './bench-workload';
import { type ClusterConfig, newClusterConfig } from './cluster-config';
import { LiveCluster } from './live-cluster';
import type { BenchReport, TestIntent, TestIntentReplies } from './scheduler-protocol';
import { createWorkerCluster, wipeCluster } from './worker-cluster';
import type { WorkerHost } from './worker-host';

export interface TestContext {
  /** The page's cluster, or null while it starts (or after it is gone). */
  readonly cluster: LiveCluster<WorkerHost> | null;
  readonly report: (message: string) => void;
}

type Handlers = {
  readonly [K in TestIntent['kind']]: (
    intent: Extract<TestIntent, { kind: K }>,
    ctx: TestContext,
  ) => Promise<TestIntentReplies[K]>;
};

const handlers: Handlers = {
  compare: (intent, ctx) => compare(intent.script, ctx.report),
  bench: (intent, ctx) => bench(intent.nodes, intent.commits, intent.outstanding, ctx.report),
  fill: (intent, ctx) => {
    if (ctx.cluster === null) throw new Error('the cluster is still starting');
    return fill(ctx.cluster, intent.entries);
  },
};

/** The table above is typed per kind; the reply crosses to the page as it is. */
export function handleTestIntent(intent: TestIntent, ctx: TestContext): Promise<unknown> {
  const handler = handlers[intent.kind] as (i: TestIntent, c: TestContext) => Promise<unknown>;
  return handler(intent, ctx);
}

/** Runs a script with worker nodes and in process; both traces as JSON text. */
async function compare(
  script: RunScript,
  report: (message: string) => void,
): Promise<TestIntentReplies['compare']> {
  const o = resolveOptions(script.options);
  const config: ClusterConfig = {
    ...scratchConfig('compare', o.nodes, o.seed),
    electionTimeoutMs: [o.electionTimeoutMs[0], o.electionTimeoutMs[1]],
    heartbeatMs: o.heartbeatMs,
    network: { ...harnessNetwork(), ...script.options.network },
  };
  const live = createWorkerCluster(config, null, report);
  try {
    await live.start();
    for (const rec of script.interventions) await live.replay(rec);
    if (script.until > live.now) await live.runFor(script.until - live.now);
    return {
      workers: JSON.stringify(live.trace()),
      inProcess: JSON.stringify(runScript(script).trace()),
    };
  } finally {
    await wipeCluster(live, config.clusterId);
  }
}

/** Closed-loop throughput with worker nodes (real IndexedDB), then with in-process nodes. */
async function bench(
  nodes: number,
  commits: number,
  outstanding: number,
  report: (message: string) => void,
): Promise<BenchReport> {
  const quiet = { traceEventsMax: 0, checkInvariants: false };
  const withWorkers = async (
    storage: 'idb' | 'memory',
    traced = false,
  ): Promise<ClosedLoopResult> => {
    const config = { ...scratchConfig('bench', nodes, 7), storage };
    const workers = createWorkerCluster(config, null, report, quiet);
    try {
      await workers.start();
      return await closedLoop(workers, { commits, outstanding, sliceMs: 2, traced });
    } finally {
      await wipeCluster(workers, config.clusterId);
    }
  };
  await withWorkers('idb', false); // warm-up: the JIT and IndexedDB, both slower at first
  const workerResult = await withWorkers('idb');
  const tracedResult = await withWorkers('idb', true);
  const memoryResult = await withWorkers('memory');
  const o = resolveOptions({ nodes, seed: 7, ...quiet });
  const inProcess = new LiveCluster(
    o,
    nodeConfigs(o).map((c) => answeringLater(new InProcessHost(c, o.seed))),
  );
  await inProcess.start();
  const inProcessResult = await closedLoop(inProcess, {
    commits,
    outstanding,
    sliceMs: 2,
    traced: false,
  });
  return {
    workers: workerResult,
    workersTraced: tracedResult,
    workersInMemory: memoryResult,
    inProcess: inProcessResult,
  };
}

/** The harness's reliable network: compare and bench runs match in-process runs. */
function harnessNetwork(): ClusterConfig['network'] {
  return { delayMs: [HARNESS_DELAY_MIN, HARNESS_DELAY_MAX], dropRate: 0, duplicateRate: 0 };
}

/** A throwaway cluster with the harness's defaults, under an id of its own. */
function scratchConfig(prefix: string, nodes: number, seed: number): ClusterConfig {
  return newClusterConfig(
    { nodes, seed, network: harnessNetwork(), storage: 'idb' },
    () => `${prefix}-${Math.random().toString(36).slice(2, 10)}`,
  );
}

/** Grows the logs quickly for benchmarks: batches of raw commands at the leader. */
async function fill(cluster: LiveCluster<WorkerHost>, entries: number): Promise<number> {
  let done = 0;
  while (done < entries) {
    if (!(await cluster.runUntil(() => cluster.leader() !== null, 5000)))
      throw new Error('no leader to fill');
    const batch = Array.from(
      { length: Math.min(500, entries - done) },
      (_, i) => `fill ${done + i}`,
    );
    const results = await cluster.proposeMany(cluster.leader()!, batch);
    done += results.filter((r) => r.accepted).length;
    await cluster.runFor(20);
  }
  return done;
}
