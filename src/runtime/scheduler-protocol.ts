/** The protocol between the page (controller) and the scheduler worker. */
import type { Intervention, RecordedIntervention } from '../sim/interventions';
import type { ReplayScript, RunScript, RunStart } from '../sim/script';
import type { SubmitResult } from '../sim/types';
import type { ClosedLoopResult } from './bench-workload';
import type { ClusterConfig } from './cluster-config';
import type { StorageFault } from './idb-storage';
import type { InspectedMoment } from './inspect';
import type { Speed } from './pacer';
import type { PageNote, RunStory } from './run-story';
import type { RuntimeSnapshot } from './snapshot';

export type Intent =
  | { readonly kind: 'intervene'; readonly action: Intervention }
  /** An intervention at its exact recorded moment (a lesson going as it was played). */
  | { readonly kind: 'replay'; readonly rec: RecordedIntervention }
  /** Run at the current speed and pause exactly at virtual time `at` (lesson steps). */
  | { readonly kind: 'playTo'; readonly at: number }
  | { readonly kind: 'speed'; readonly speed: Speed }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'step' }
  /** Virtual ms to run at full speed, paused or not (tests, guided scenarios). */
  | { readonly kind: 'runFor'; readonly ms: number }
  /** Stop every node and delete their databases and the run's record. */
  | { readonly kind: 'wipe' }
  /**
   * Let go of the cluster (another tab takes it over): stop the pacer, let every node's
   * pending writes land, stop the nodes, write the run's record; then reply.
   */
  | { readonly kind: 'release' }
  /** The cluster as it was at virtual time `at` (replayed in process). */
  | { readonly kind: 'inspect'; readonly at: number }
  | { readonly kind: 'export' };

/** What the scheduler answers to each intent: the one table both ends are typed by. */
export interface IntentReplies {
  readonly intervene: InterventionReply<Intervention>;
  readonly replay: InterventionReply<Intervention>;
  readonly playTo: null;
  readonly speed: null;
  readonly pause: null;
  readonly resume: null;
  /** Whether there was an event to step. */
  readonly step: boolean;
  /** The virtual time after the run. */
  readonly runFor: number;
  readonly wipe: null;
  readonly release: null;
  readonly inspect: InspectedMoment;
  readonly export: ExportedRun;
}

/** KV calls settle later (see the trace); a reply carries only what can cross to the page. */
export type InterventionReply<A extends Intervention> = A extends { type: 'addClient' }
  ? { readonly id: string }
  : A extends { type: 'submit' }
    ? SubmitResult
    : null;

/** Intents only test and benchmark builds (VITE_TEST_API=1) answer: scheduler-test-intents.ts. */
export type TestIntent =
  /** Run a script with worker nodes and in process; reply with both traces. */
  | { readonly kind: 'compare'; readonly script: RunScript }
  /** Appends `entries` raw commands at the leader, unrecorded, to grow logs. */
  | { readonly kind: 'fill'; readonly entries: number }
  /** A closed-loop benchmark with worker nodes and in process. */
  | {
      readonly kind: 'bench';
      readonly nodes: number;
      readonly commits: number;
      readonly outstanding: number;
    };

export interface TestIntentReplies {
  readonly compare: { readonly workers: string; readonly inProcess: string };
  /** Entries appended. */
  readonly fill: number;
  readonly bench: BenchReport;
}

export interface BenchReport {
  readonly workers: ClosedLoopResult;
  readonly workersTraced: ClosedLoopResult;
  readonly workersInMemory: ClosedLoopResult;
  readonly inProcess: ClosedLoopResult;
}

export type AnyIntent = Intent | TestIntent;
type AnyReplies = IntentReplies & TestIntentReplies;

/** The reply to an intent, from its kind (and, for `intervene`, its action). */
export type ReplyOf<I extends AnyIntent> = I extends { kind: 'intervene'; action: infer A }
  ? InterventionReply<A & Intervention>
  : AnyReplies[I['kind']];

export type ToScheduler =
  | {
      readonly type: 'start';
      readonly config: ClusterConfig;
      readonly speed: Speed;
      readonly paused: boolean;
      readonly fault: StorageFault | null;
      /** A shared run to replay before going on (share links): up to `until`, then paused. */
      readonly script: ReplayScript | null;
    }
  | { readonly type: 'intent'; readonly id: number; readonly intent: AnyIntent }
  /** Something only the page knows, for the run's record (no reply). */
  | { readonly type: 'note'; readonly note: PageNote }
  /** The page drew the last snapshot: the next one may come. */
  | { readonly type: 'frame' };

export interface ExportedRun {
  readonly config: ClusterConfig;
  readonly interventions: readonly RecordedIntervention[];
  readonly trace: readonly unknown[];
  readonly history: readonly unknown[];
  readonly now: number;
  /** Where the current stretch of the run began, when it resumed from storage. */
  readonly start: RunStart | null;
}

export type FromScheduler =
  | {
      readonly type: 'snapshot';
      readonly snapshot: RuntimeSnapshot;
      readonly speed: Speed;
      readonly paused: boolean;
    }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  /**
   * Sent once, before the first snapshot: the run's story so far (restored after a reload,
   * or from a replayed shared run); the snapshots' trace carries what comes after it.
   */
  | { readonly type: 'story'; readonly story: RunStory }
  /** Storage trouble or a failure the page should show. */
  | { readonly type: 'problem'; readonly message: string };
