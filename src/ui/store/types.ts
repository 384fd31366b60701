/** What the page's store holds: immutable values views select from. */

import type { Verdict } from '../../check/linearizability/verdict';
import type { PanelName } from '../../embed/panels';
import type { HistoryOp } from '../../kv/history';
import type { KvResult, ServedBy } from '../../kv/types';
import type { NodeId } from '../../raft/types';
import type { ClusterConfig } from '../../runtime/cluster-config';
import type { ClusterRole } from '../../runtime/cluster-registry';
import type { Speed } from '../../runtime/pacer';
import type { ClusterView } from '../../runtime/snapshot';

export type { ClusterView } from '../../runtime/snapshot';

export interface Playback {
  readonly speed: Speed;
  readonly paused: boolean;
  /** Virtual time being inspected (the view shows that moment), or null when live. */
  readonly inspecting: number | null;
  /** Replaying the past to show it. */
  readonly inspectLoading: boolean;
}

export interface Selection {
  readonly node: NodeId | null;
  readonly messageId: number | null;
}

/** One line of the KV console. */
export interface ConsoleEntry {
  readonly id: number;
  readonly client: string;
  /** What the user typed or chose, as a command line (SET x 1). */
  readonly text: string;
  readonly status: 'pending' | 'ok' | 'fail' | 'unknown' | 'refused';
  /**
   * When the client began the call (its client-call trace event): the return is matched
   * by it. Absent on a line sent but not yet begun (it waits behind the client's earlier one).
   */
  readonly call?: number;
  readonly result?: KvResult;
  readonly error?: string;
  /** Virtual ms from call to return. */
  readonly latency?: number;
  readonly attempts?: number;
  /** A GET answered without a log write (§6.4): how. Absent when it went through the log. */
  readonly servedBy?: ServedBy;
  /** Each request the client sent for it: to which node, and what that node answered. */
  readonly tries?: readonly ClientTry[];
}

export interface ClientTry {
  readonly to: number;
  /** null while no answer came (yet). */
  readonly answer: string | null;
}

export type { Verdict } from '../../check/linearizability/verdict';

export interface HistoryState {
  readonly ops: readonly HistoryOp[];
  /**
   * The last check's verdict. Its `unorderable` are counted from the start of the run
   * (the op at `ops[i]` is number `dropped + i`), so they stay right when old ops go.
   */
  readonly verdict: Verdict;
  /** How many ops the verdict covers (the history grows while you watch). */
  readonly checkedOps: number;
  /** The history's signature when the last check began (see history/signature.ts). */
  readonly checkedSignature: string;
  /** Ops let go from the front to keep the history bounded. */
  readonly dropped: number;
}

export interface Notice {
  readonly id: number;
  readonly text: string;
  /** How many times it was reported (by any of `subjects`). */
  readonly count: number;
  /** For "<label>: <problem>" reports: the problem, and every label that reported it. */
  readonly problem?: string;
  readonly subjects?: readonly string[];
}

/**
 * Whether this page runs its cluster: claiming (asking), running, elsewhere (another page
 * runs it), taking-over (asked it to let go), releasing / released (another page took it).
 */
export type Ownership =
  | 'claiming'
  | 'running'
  | 'elsewhere'
  | 'taking-over'
  | 'releasing'
  | 'released';

/** Which of this browser's clusters the page opened. */
export interface Highlight {
  readonly nodes: readonly number[];
  readonly messageTypes: readonly string[];
  /** Log entries, by node and index. */
  readonly entries: readonly { readonly node: number; readonly index: number }[];
}

export interface ClusterIdentity {
  readonly id: string;
  readonly role: ClusterRole;
  readonly name: string;
}

export interface StoreState {
  readonly config: ClusterConfig;
  readonly identity: ClusterIdentity | null;
  readonly ownership: Ownership;
  readonly view: ClusterView | null;
  readonly playback: Playback;
  readonly selection: Selection;
  readonly clients: readonly string[];
  readonly console: readonly ConsoleEntry[];
  readonly history: HistoryState;
  /** Changes whenever new trace events arrived (the event log reads them from the runtime). */
  readonly traceVersion: number;
  /** Messages for the user: storage trouble, bad URL parameters, ... */
  readonly notices: readonly Notice[];
  /** Embedded in an iframe (URL parameter embed=1): no app chrome. */
  readonly embed: boolean;
  /** The panels an embed shows, in order (panels=). */
  readonly panels: readonly PanelName[];
  /** The host page drives; the viewer only watches (lock=1, or the host's lock command). */
  readonly locked: boolean;
  /** What a lesson's step points at: nodes, and message types in flight. */
  readonly highlight: Highlight;
}
