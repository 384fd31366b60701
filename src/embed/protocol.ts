/**
 * The embedding API's messages (postMessage between a course page and the app in its
 * iframe). Shared by the app and the host module (embed.ts): types and constants only, so
 * the host module stays small. Every message carries `protocol` and `version`.
 *
 * Nodes are named as the page names them ('S1'…'S9'); commands also take the harness's
 * number (0 for S1). What each message means is in the README ("Embedding in a course page").
 */
import type { PanelName } from './panels';

export const PROTOCOL = 'raft-playground';
export const PROTOCOL_VERSION = 1;

/** A node: its name ('S2') or the harness's id (1). */
export type NodeRef = string | number;

/** What the host may ask. `id` (any string or number) comes back on the reply. */
export type HostCommand =
  | { type: 'get-state' }
  | { type: 'subscribe'; state?: boolean }
  | { type: 'unsubscribe' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'set-speed'; speed: number | 'max' }
  | { type: 'crash'; node: NodeRef }
  | { type: 'restart'; node: NodeRef }
  | { type: 'time-out'; node: NodeRef }
  /** Leadership transfer (§3.10): the leader hands over to `to`. */
  | { type: 'transfer-leadership'; to: NodeRef }
  | { type: 'partition'; groups: NodeRef[][] }
  | { type: 'heal' }
  | { type: 'cut-link'; from: NodeRef; to: NodeRef }
  | { type: 'restore-link'; from: NodeRef; to: NodeRef }
  | { type: 'kv'; command: string; client?: string }
  | { type: 'select-node'; node: NodeRef | null }
  | { type: 'show-panels'; panels: PanelName[] }
  | { type: 'lock' }
  | { type: 'unlock' }
  /** A built-in lesson's id, a lesson's URL, or a lesson file's JSON; opens at `step`. */
  | { type: 'load-lesson'; lesson: string | object; step?: number }
  /** A share link (or its #run=… fragment). */
  | { type: 'load-run'; link: string }
  /** A text scenario (src/sim/scenario-text/README.md), replayed to its end. */
  | { type: 'load-scenario'; text: string };

export type HostCommandType = HostCommand['type'];

export interface Envelope {
  readonly protocol: typeof PROTOCOL;
  readonly version: number;
}

export type HostMessage = Envelope & HostCommand & { id?: string | number };

export interface NodeState {
  readonly id: number;
  readonly name: string;
  /** 'crashed' when it is down. */
  readonly role: 'follower' | 'candidate' | 'leader' | 'crashed';
  readonly term: number;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly logLength: number;
  readonly connected: boolean;
}

export interface ClusterStateMessage {
  /** Virtual milliseconds. */
  readonly now: number;
  readonly paused: boolean;
  readonly speed: number | 'max';
  readonly leader: string | null;
  readonly nodes: readonly NodeState[];
  /** Each broken rule of Raft, as a sentence (empty while all hold). */
  readonly violations: readonly string[];
}

/** What happened in the run, as the host hears it. */
export type AppEvent =
  | { kind: 'leader-elected'; node: string; term: number; t: number }
  | { kind: 'entry-committed'; index: number; node: string; t: number }
  | { kind: 'node-crashed'; node: string; t: number }
  | { kind: 'node-restarted'; node: string; t: number }
  | { kind: 'invariant-violated'; rule: string; t: number }
  | {
      kind: 'history-checked';
      status: 'linearizable' | 'not-linearizable' | 'unknown';
      operations: number;
    }
  | { kind: 'lesson-step'; step: number; title: string | null }
  | { kind: 'task-done'; step: number }
  | { kind: 'prediction-answered'; step: number; choice: number; right: boolean };

export type AppMessage = Envelope &
  (
    | {
        type: 'ready';
        /** The lesson the app plays, if any. */
        lesson: { id: string; title: string; steps: number } | null;
        panels: readonly PanelName[];
        locked: boolean;
      }
    | { type: 'reply'; id: string | number | null; result: unknown }
    | { type: 'error'; id: string | number | null; message: string }
    | { type: 'state'; id: string | number | null; state: ClusterStateMessage }
    | { type: 'event'; event: AppEvent }
  );
