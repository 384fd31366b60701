/**
 * The page's handle on the cluster: starts the scheduler worker, sends intents (each a
 * request with an id, answered by a reply), and turns the snapshots it receives into the
 * state views read: node summaries, mirrored logs and KV contents, recent trace events.
 */

import type { Verdict } from '../check/linearizability/verdict';
import { PAGE_TRACE_EVENTS_MAX } from '../defaults';
import type { HistoryOp } from '../kv/history';
import type { Entry } from '../raft/types';
import type { Intervention, RecordedIntervention } from '../sim/interventions';
import type { ReplayScript } from '../sim/script';
import type { TraceEvent } from '../sim/trace';
import type { CheckReply, CheckRequest } from './check-worker';
import type { ClusterConfig } from './cluster-config';
import type { StorageFault } from './idb-storage';
import type { InspectedMoment } from './inspect';
import type { Speed } from './pacer';
import type { PageNote, RunStory } from './run-story';
import type {
  AnyIntent,
  ExportedRun,
  FromScheduler,
  InterventionReply,
  ReplyOf,
  ToScheduler,
} from './scheduler-protocol';
import type { RuntimeSnapshot } from './snapshot';

/** Snapshots drawn per second at most. */
export const FRAMES_PER_SECOND_MAX = 30;

export interface FrameUpdate {
  readonly snapshot: RuntimeSnapshot;
  readonly speed: Speed;
  readonly paused: boolean;
}

export interface StartOptions {
  readonly config: ClusterConfig;
  readonly speed: Speed;
  readonly paused: boolean;
  readonly fault?: StorageFault | null;
  /** A shared run to replay first (share links). */
  readonly script?: ReplayScript | null;
}

export class RuntimeController {
  /** Each node's log, mirrored from the snapshots' patches. */
  readonly logs: Entry[][];
  readonly kv: Array<Record<string, string>>;
  readonly problems: string[] = [];
  private recentTrace: TraceEvent[] = [];
  private latest: FrameUpdate | null = null;
  private lastAck = 0;
  private worker: Worker;
  private checker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly checks = new Map<
    number,
    { resolve: (v: Verdict) => void; reject: (e: Error) => void }
  >();
  private readonly listeners = new Set<(update: FrameUpdate) => void>();
  private readonly problemListeners = new Set<(message: string) => void>();
  private storyValue: RunStory | null = null;
  private readonly storyListeners = new Set<(story: RunStory) => void>();

  constructor(readonly options: StartOptions) {
    this.logs = Array.from({ length: options.config.nodes }, () => []);
    this.kv = Array.from({ length: options.config.nodes }, () => ({}));
    this.worker = new Worker(new URL('./scheduler-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromScheduler>) => this.onMessage(e.data);
    this.worker.onerror = (e) => this.onProblem(`the scheduler stopped: ${e.message}`);
    this.send({
      type: 'start',
      config: options.config,
      speed: options.speed,
      paused: options.paused,
      fault: options.fault ?? null,
      script: options.script ?? null,
    });
  }

  get state(): FrameUpdate | null {
    return this.latest;
  }

  /** The newest trace events the page has seen, oldest first. */
  trace(): readonly TraceEvent[] {
    return this.recentTrace;
  }

  subscribe(listener: (update: FrameUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` with the run's story so far (restored after a reload, or replayed),
   * once, before the first snapshot; at once if it already came.
   */
  onStory(listener: (story: RunStory) => void): () => void {
    if (this.storyValue !== null) listener(this.storyValue);
    this.storyListeners.add(listener);
    return () => this.storyListeners.delete(listener);
  }

  /** Keeps something only the page knows in the run's record (a refused line, a verdict). */
  note(note: PageNote): void {
    this.send({ type: 'note', note });
  }

  onProblemReported(listener: (message: string) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  intervene<A extends Intervention>(action: A): Promise<InterventionReply<A>> {
    return this.request({ kind: 'intervene', action }) as Promise<InterventionReply<A>>;
  }
  /** An intervention at its recorded moment (lessons played as written). */
  replay(rec: RecordedIntervention): Promise<unknown> {
    return this.request({ kind: 'replay', rec });
  }
  /** Runs at the current speed and pauses exactly at virtual time `at`. */
  playTo(at: number): Promise<null> {
    return this.request({ kind: 'playTo', at });
  }
  setSpeed(speed: Speed): Promise<null> {
    return this.request({ kind: 'speed', speed });
  }
  pause(): Promise<null> {
    return this.request({ kind: 'pause' });
  }
  resume(): Promise<null> {
    return this.request({ kind: 'resume' });
  }
  /** Whether there was an event to step. */
  step(): Promise<boolean> {
    return this.request({ kind: 'step' });
  }
  /** The virtual time after the run. */
  runFor(ms: number): Promise<number> {
    return this.request({ kind: 'runFor', ms });
  }
  exportRun(): Promise<ExportedRun> {
    return this.request({ kind: 'export' });
  }

  /** The cluster as it was at virtual time `at`, replayed in process (pauses nothing). */
  inspect(at: number): Promise<InspectedMoment> {
    return this.request({ kind: 'inspect', at });
  }

  /**
   * Checks a KV history for linearizability in a worker of its own. Rejects if that
   * worker fails (it is then replaced at the next check).
   */
  checkHistory(ops: readonly HistoryOp[], budgetMs = 5000): Promise<Verdict> {
    this.checker ??= this.startChecker();
    const checker = this.checker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.checks.set(id, { resolve, reject });
      checker.postMessage({ id, ops, budgetMs } satisfies CheckRequest);
    });
  }

  private startChecker(): Worker {
    const checker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module' });
    checker.onmessage = (e: MessageEvent<CheckReply>) => {
      const p = this.checks.get(e.data.id);
      if (p === undefined) return;
      this.checks.delete(e.data.id);
      p.resolve(e.data.verdict);
    };
    const fail = (why: string) => {
      checker.terminate();
      if (this.checker === checker) this.checker = null;
      for (const p of this.checks.values()) p.reject(new Error(why));
      this.checks.clear();
    };
    checker.onerror = (e) => fail(`the history checker stopped: ${e.message}`);
    checker.onmessageerror = () => fail('the history checker sent a reply that could not be read');
    return checker;
  }

  /** Stops every node, deletes their databases, the run's record and the scheduler. */
  async wipe(): Promise<void> {
    await this.request({ kind: 'wipe' });
    this.dispose();
  }

  /**
   * Lets go of the cluster for another tab: the pacer stops, every node's pending writes
   * land, the nodes stop, the run's record is written; then it resolves (the caller
   * disposes of the controller).
   */
  async release(): Promise<void> {
    await this.request({ kind: 'release' });
  }

  dispose(): void {
    this.worker.terminate();
    this.checker?.terminate();
    const stopped = new Error('the cluster was stopped');
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    for (const p of this.checks.values()) p.reject(stopped);
    this.checks.clear();
  }

  /** Sends an intent; the reply's type follows from the intent's kind (scheduler-protocol.ts). */
  request<I extends AnyIntent>(intent: I): Promise<ReplyOf<I>> {
    const id = this.nextId++;
    return new Promise<ReplyOf<I>>((resolve, reject) => {
      // The one place a reply, untyped on the wire, meets the type its intent promises.
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ type: 'intent', id, intent });
    });
  }

  private send(message: ToScheduler): void {
    this.worker.postMessage(message);
  }

  private onMessage(m: FromScheduler): void {
    if (m.type === 'snapshot') {
      this.onSnapshot({ snapshot: m.snapshot, speed: m.speed, paused: m.paused });
      return;
    }
    if (m.type === 'problem') {
      this.onProblem(m.message);
      return;
    }
    if (m.type === 'story') {
      this.storyValue = m.story;
      for (const listener of this.storyListeners) listener(m.story);
      return;
    }
    const p = this.pending.get(m.id);
    if (p === undefined) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  }

  private onSnapshot(update: FrameUpdate): void {
    const s = update.snapshot;
    for (const patch of s.logPatches) {
      const log = this.logs[patch.node]!;
      log.length = patch.from - 1;
      for (const e of patch.entries) log.push(e);
    }
    for (const { node, contents } of s.kv) this.kv[node] = contents;
    if (s.trace.length > 0) {
      this.recentTrace = this.recentTrace.concat(s.trace);
      if (this.recentTrace.length > PAGE_TRACE_EVENTS_MAX) {
        this.recentTrace = this.recentTrace.slice(-PAGE_TRACE_EVENTS_MAX);
      }
    }
    this.latest = update;
    for (const listener of this.listeners) listener(update);
    // Acknowledge once the page has drawn this frame, at most FRAMES_PER_SECOND_MAX times
    // a second: motion stays smooth, and the page's main thread stays mostly idle. The
    // wait is the frame that draws it (an animation frame callback runs just before the
    // browser renders), then a timer: another animation frame to acknowledge in would
    // make the browser run its whole rendering pipeline once more, with nothing new.
    requestAnimationFrame((t) => {
      const early = this.ackEarlyBy(t);
      if (early > 0) setTimeout(() => this.acknowledge(), early);
      else this.acknowledge();
    });
  }

  private acknowledge(): void {
    this.lastAck = performance.now();
    this.send({ type: 'frame' });
  }

  private ackEarlyBy(t: number): number {
    return this.lastAck + 1000 / FRAMES_PER_SECOND_MAX - 2 - t;
  }

  private onProblem(message: string): void {
    this.problems.push(message);
    for (const listener of this.problemListeners) listener(message);
  }
}
