/**
 * The scheduler worker: runs the browser's cluster (a LiveCluster of node workers) so that
 * the page's main thread only draws. It applies the page's intents one at a time and
 * posts a snapshot at most once per animation frame (the page acknowledges each one). It
 * keeps the run's record too (record-keeper.ts): a reload resumes the clock, the console,
 * the history and the timeline where they were.
 */

import type { RunStart } from '../sim/script';
import type { SubmitResult } from '../sim/types';
import { type ClusterConfig, clusterOptionsOf } from './cluster-config';
import { Inspector } from './inspect';
import type { LiveCluster } from './live-cluster';
import { Pacer } from './pacer';
import { RecordKeeper } from './record-keeper';
import { loadRecord } from './record-store';
import type { Segment } from './run-record';
import type { PageNote } from './run-story';
import type {
  AnyIntent,
  FromScheduler,
  Intent,
  IntentReplies,
  TestIntent,
  ToScheduler,
} from './scheduler-protocol';
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
  /** Seeks into the past from checkpoints. */
  readonly inspector: Inspector;
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
  const inspector = new Inspector(clusterOptionsOf(config));
  const started: App = { config, cluster, keeper, feed, pacer, inspector };
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

function handleIntent(intent: AnyIntent): Promise<unknown> {
  if (isTestIntent(intent)) return handleTest(intent);
  const a = app;
  if (a === null) return Promise.reject(new Error(gone ?? 'the cluster is still starting'));
  return applyIntent(a, intent).finally(postSnapshot);
}

function isTestIntent(intent: AnyIntent): intent is TestIntent {
  return intent.kind === 'compare' || intent.kind === 'bench' || intent.kind === 'fill';
}

/** Test builds only: the module is not even in the production bundle. */
async function handleTest(intent: TestIntent): Promise<unknown> {
  if (import.meta.env.VITE_TEST_API !== '1')
    throw new Error(`${intent.kind} is only in test builds`);
  const { handleTestIntent } = await import('./scheduler-test-intents');
  return handleTestIntent(intent, {
    cluster: app?.cluster ?? null,
    report: (message) => post({ type: 'problem', message }),
  });
}

type Handlers = {
  readonly [K in Intent['kind']]: (
    a: App,
    intent: Extract<Intent, { kind: K }>,
  ) => IntentReplies[K] | Promise<IntentReplies[K]>;
};

const handlers: Handlers = {
  intervene: async (a, { action }) => {
    const result = await a.cluster.intervene(action);
    // KV calls settle later (see the trace); reply with what can cross to the page.
    if (action.type === 'addClient') return { id: (result as { id: string }).id };
    if (action.type === 'submit') return result as SubmitResult;
    return null;
  },
  replay: async (a, { rec }) => {
    const result = await a.cluster.replay(rec);
    if (rec.action.type === 'addClient') return { id: (result as { id: string }).id };
    if (rec.action.type === 'submit') return result as SubmitResult;
    return null;
  },
  playTo: (a, { at }) => {
    a.pacer.playTo(at);
    return null;
  },
  speed: (a, { speed }) => {
    a.pacer.setSpeed(speed);
    return null;
  },
  pause: (a) => {
    a.pacer.pause();
    return null;
  },
  resume: (a) => {
    a.pacer.resume();
    return null;
  },
  step: (a) => {
    a.pacer.pause();
    return a.cluster.stepOnce();
  },
  runFor: async (a, { ms }) => {
    await a.cluster.runFor(ms);
    return a.cluster.now;
  },
  inspect: (a, { at }) => a.inspector.moment(a.keeper.segments(), at),
  wipe: async (a) => {
    a.pacer.stop();
    app = null;
    gone = 'the cluster was reset';
    await a.keeper.stop();
    await wipeCluster(a.cluster, a.config.clusterId);
    return null;
  },
  release: async (a) => {
    // Another page takes the cluster over: every node's writes land, then it stops.
    a.pacer.stop();
    app = null;
    gone = 'this tab let go of the cluster';
    await a.cluster.shutDown();
    await a.keeper.close();
    return null;
  },
  export: (a) => ({
    config: a.config,
    interventions: a.cluster.interventions(),
    trace: a.cluster.trace(),
    history: a.cluster.kvHistory(),
    now: a.cluster.now,
    start: resumedStart(a.keeper.segments().at(-1)),
  }),
};

/** The table above is typed per kind; the reply crosses to the page as it is. */
async function applyIntent(a: App, intent: Intent): Promise<unknown> {
  const handler = handlers[intent.kind] as (a: App, i: Intent) => unknown;
  return handler(a, intent);
}

/** Where the current segment began, unless it began as a new cluster (empty, at 0). */
function resumedStart(segment: Segment | undefined): RunStart | null {
  if (segment === undefined) return null;
  const empty = segment.state.every((s) => s.log.length === 0 && s.hardState.term === 0);
  return segment.start === 0 && empty ? null : { t: segment.start, state: segment.state };
}
