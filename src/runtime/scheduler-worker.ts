/**
 * The scheduler worker: runs the browser's cluster (a LiveCluster of node workers) so that
 * the page's main thread only draws. It applies the page's intents one at a time and
 * posts a snapshot at most once per animation frame (the page acknowledges each one). It
 * keeps the run's record too (record-keeper.ts): a reload resumes the clock, the console,
 * the history and the timeline where they were.
 */

import { answeringLater } from '../sim/host';
import { InProcessHost } from '../sim/in-process-host';
import { nodeConfigs, resolveOptions } from '../sim/options';
import { type RunStart, runScript } from '../sim/script';
import { type ClosedLoopResult, closedLoop } from './bench-workload';
import { type ClusterConfig, clusterOptionsOf } from './cluster-config';
import { inspectMoment } from './inspect';
import { LiveCluster } from './live-cluster';
import { Pacer } from './pacer';
import { RecordKeeper } from './record-keeper';
import { loadRecord } from './record-store';
import type { Segment } from './run-record';
import type { PageNote } from './run-story';
import type { ExportedRun, FromScheduler, Intent, ToScheduler } from './scheduler-protocol';
import { SnapshotFeed } from './snapshot';
import { createWorkerCluster, seedClusterDatabases, wipeCluster } from './worker-cluster';
import type { WorkerHost } from './worker-host';

interface App {
  readonly config: ClusterConfig;
  readonly cluster: LiveCluster<WorkerHost>;
  /** The run's record: segments to replay the past from, the story, written as it changes. */
  readonly keeper: RecordKeeper;
  readonly feed: SnapshotFeed;
  readonly pacer: Pacer;
}

/** Notes the page sent while the cluster was still starting, kept for it (at most this many). */
const EARLY_NOTES_MAX = 100;

let app: App | null = null;
/** Why there is no cluster any more (wiped, or let go to another tab); null while starting. */
let gone: string | null = null;
let earlyNotes: PageNote[] = [];
let frameWanted = true;
let snapshotDue = false;

function post(message: FromScheduler): void {
  (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(message);
}

function postSnapshot(): void {
  if (app === null) return;
  app.keeper.changed();
  if (!frameWanted) {
    snapshotDue = true;
    return;
  }
  frameWanted = false;
  snapshotDue = false;
  post({
    type: 'snapshot',
    snapshot: app.feed.take(),
    speed: app.pacer.speed,
    paused: app.pacer.paused,
  });
}

globalThis.addEventListener('message', (event: MessageEvent<ToScheduler>) => {
  const m = event.data;
  if (m.type === 'frame') {
    frameWanted = true;
    if (snapshotDue) postSnapshot();
  } else if (m.type === 'start') {
    start(m).catch((e: unknown) => post({ type: 'problem', message: String(e) }));
  } else if (m.type === 'note') {
    if (app !== null) keepNote(app, m.note);
    else if (gone === null && earlyNotes.length < EARLY_NOTES_MAX) earlyNotes.push(m.note);
  } else {
    handleIntent(m.intent).then(
      (value) => post({ type: 'reply', id: m.id, ok: true, value }),
      (e: unknown) =>
        post({
          type: 'reply',
          id: m.id,
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        }),
    );
  }
});

async function start(m: Extract<ToScheduler, { type: 'start' }>) {
  const { config, fault, script } = m;
  const report = (message: string) => post({ type: 'problem', message });
  const loaded = await loadRecord(config.clusterId, config.nodes, fault);
  if (loaded.problem !== null) {
    report(
      `The run's record could not be used (${loaded.problem}): the clock, console and history start afresh.`,
    );
  }
  // A shared run replays from its very beginning: it never resumes a record.
  const record = script === null ? loaded.record : null;
  if (script?.start != null) {
    const problem = await seedClusterDatabases(config.clusterId, script.start.state, fault);
    if (problem !== null) report(`The shared run cannot start where it did: ${problem}.`);
  }
  const startTime = record?.clock ?? script?.start?.t ?? 0;
  const cluster = createWorkerCluster(config, fault, report, { startTime });
  await cluster.start();
  const keeper = new RecordKeeper({
    writer: loaded.store,
    loaded: record,
    cluster,
    state: Array.from({ length: cluster.size }, (_, id) => cluster.hostOf(id).mirror.load()),
    onProblem: report,
  });
  // The same client ids again, with fresh sessions (ids are c1, c2, ... in creation order).
  for (const _ of keeper.restoredClients) await cluster.intervene({ type: 'addClient' });
  const feed = new SnapshotFeed(cluster);
  if (script !== null) {
    for (const rec of script.interventions) await cluster.replay(rec);
    if (script.until > cluster.now) await cluster.runFor(script.until - cluster.now);
  }
  post({ type: 'story', story: keeper.story() });
  feed.forgetClientEvents();
  const pacer = new Pacer(cluster, m.speed, m.paused || script !== null, postSnapshot);
  const started: App = { config, cluster, keeper, feed, pacer };
  app = started;
  for (const note of earlyNotes) keepNote(started, note);
  earlyNotes = [];
  postSnapshot();
  void pacer.run();
}

/** In order with the intents sent before it (a refused line stays where it was typed). */
function keepNote(a: App, note: PageNote): void {
  void a.cluster.inOrder(() => a.keeper.note(note));
}

async function handleIntent(intent: Intent): Promise<unknown> {
  if (intent.kind === 'compare' || intent.kind === 'bench' || intent.kind === 'fill') {
    if (import.meta.env.VITE_TEST_API !== '1')
      throw new Error(`${intent.kind} is only in test builds`);
    if (intent.kind === 'compare') return compare(intent.script);
    if (intent.kind === 'bench') return bench(intent.nodes, intent.commits, intent.outstanding);
    if (app === null) throw new Error('the cluster is still starting');
    return fill(app.cluster, intent.entries);
  }
  const a = app;
  if (a === null) throw new Error(gone ?? 'the cluster is still starting');
  try {
    return await applyIntent(a, intent);
  } finally {
    postSnapshot();
  }
}

async function applyIntent(
  a: App,
  intent: Exclude<Intent, { kind: 'compare' | 'bench' | 'fill' }>,
): Promise<unknown> {
  switch (intent.kind) {
    case 'intervene': {
      const result = await a.cluster.intervene(intent.action);
      // KV calls settle later (see the trace); reply with what can cross to the page.
      if (intent.action.type === 'addClient') return { id: (result as { id: string }).id };
      if (intent.action.type === 'submit') return result;
      return null;
    }
    case 'speed':
      a.pacer.setSpeed(intent.speed);
      return null;
    case 'pause':
      a.pacer.pause();
      return null;
    case 'resume':
      a.pacer.resume();
      return null;
    case 'step':
      a.pacer.pause();
      return a.cluster.stepOnce();
    case 'runFor':
      await a.cluster.runFor(intent.ms);
      return a.cluster.now;
    case 'inspect':
      return inspectMoment(clusterOptionsOf(a.config), a.keeper.segments(), intent.at);
    case 'wipe':
      a.pacer.stop();
      app = null;
      gone = 'the cluster was reset';
      await a.keeper.stop();
      await wipeCluster(a.cluster, a.config.clusterId);
      return null;
    case 'release':
      // Another page takes the cluster over: every node's writes land, then it stops.
      a.pacer.stop();
      app = null;
      gone = 'this tab let go of the cluster';
      await a.cluster.shutDown();
      await a.keeper.close();
      return null;
    case 'export':
      return {
        config: a.config,
        interventions: a.cluster.interventions(),
        trace: a.cluster.trace(),
        history: a.cluster.kvHistory(),
        now: a.cluster.now,
        start: resumedStart(a.keeper.segments().at(-1)),
      } satisfies ExportedRun;
  }
}

/** Where the current segment began, unless it began as a new cluster (empty, at 0). */
function resumedStart(segment: Segment | undefined): RunStart | null {
  if (segment === undefined) return null;
  const empty = segment.state.every((s) => s.log.length === 0 && s.hardState.term === 0);
  return segment.start === 0 && empty ? null : { t: segment.start, state: segment.state };
}

/** Runs a script with worker nodes and in process; both traces as JSON text. */
async function compare(
  script: import('../sim/script').RunScript,
): Promise<{ workers: string; inProcess: string }> {
  const o = script.options;
  const config: ClusterConfig = {
    ...scratchConfig('compare', o.nodes, o.seed),
    electionTimeoutMs: o.electionTimeoutMs ?? [150, 300],
    heartbeatMs: o.heartbeatMs ?? 50,
    network: { delayMs: [1, 5], dropRate: 0, duplicateRate: 0, ...o.network },
  };
  const live = createWorkerCluster(config, null, (message) => post({ type: 'problem', message }));
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
async function bench(nodes: number, commits: number, outstanding: number) {
  const quiet = { traceEventsMax: 0, checkInvariants: false };
  const withWorkers = async (
    storage: 'idb' | 'memory',
    traced = false,
    n = commits,
  ): Promise<ClosedLoopResult> => {
    const config = { ...scratchConfig('bench', nodes, 7), storage };
    const workers = createWorkerCluster(
      config,
      null,
      (message) => post({ type: 'problem', message }),
      quiet,
    );
    try {
      await workers.start();
      return await closedLoop(workers, { commits: n, outstanding, sliceMs: 2, traced });
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

function scratchConfig(prefix: string, nodes: number, seed: number): ClusterConfig {
  return {
    version: 1,
    clusterId: `${prefix}-${Math.random().toString(36).slice(2, 10)}`,
    nodes,
    seed,
    electionTimeoutMs: [150, 300],
    heartbeatMs: 50,
    network: { delayMs: [1, 5], dropRate: 0, duplicateRate: 0 },
    storage: 'idb',
  };
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
