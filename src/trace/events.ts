/**
 * The one trace's events: every event of a run, typed, JSON-serialisable, with its virtual
 * time. The engine writes them; the invariant checker, the UI, export and share links read
 * them. Here rather than in src/sim so the checker does not depend on the simulator.
 */
import type { KvOpName, KvResult, ServedBy } from '../kv/types';
import type { Entry, HardState, NodeId, RaftEvent, Role, VoteDeniedReason } from '../raft/types';

/** The core's events of the features past the paper's core Raft, as the trace keeps them. */
export type FeatureEvent = Extract<
  RaftEvent,
  {
    type:
      | 'preVoteStarted'
      | 'preVoted'
      | 'steppedDown'
      | 'electionHeldBack'
      | 'transferStarted'
      | 'transferAborted';
  }
>;

/** A network endpoint: a Raft node, or a client (a string id). */
export type Endpoint = NodeId | string;

export type DropReason = 'link-down' | 'loss' | 'receiver-crashed' | 'user' | 'malformed';

interface At {
  /** Virtual milliseconds. */
  readonly t: number;
}

export type TraceEvent = At &
  (
    | {
        readonly kind: 'send';
        readonly id: number;
        readonly from: Endpoint;
        readonly to: Endpoint;
        readonly type: string;
        readonly term: number;
        /** null when the message is lost at once (link down, random loss). */
        readonly deliverAt: number | null;
        readonly duplicateOf?: number;
        readonly message: unknown;
      }
    | {
        readonly kind: 'deliver';
        readonly id: number;
        readonly from: Endpoint;
        readonly to: Endpoint;
        readonly type: string;
      }
    | {
        readonly kind: 'drop';
        readonly id: number;
        readonly from: Endpoint;
        readonly to: Endpoint;
        readonly type: string;
        readonly reason: DropReason;
      }
    | { readonly kind: 'hold' | 'release'; readonly id: number }
    | {
        readonly kind: 'timeout';
        readonly node: NodeId;
        readonly timer: 'election' | 'heartbeat';
        readonly forced?: true;
      }
    | {
        readonly kind: 'role';
        readonly node: NodeId;
        readonly role: Role;
        readonly term: number;
        readonly leaderId?: NodeId | null;
      }
    | {
        readonly kind: 'vote';
        readonly node: NodeId;
        readonly term: number;
        readonly candidate: NodeId;
        readonly granted: boolean;
        readonly reason?: VoteDeniedReason;
      }
    | {
        readonly kind: 'persist';
        readonly node: NodeId;
        readonly hardState: HardState | null;
        readonly truncateFrom: number | null;
        readonly append: readonly Entry[];
      }
    | { readonly kind: 'commit'; readonly node: NodeId; readonly commitIndex: number }
    /** PreVote, CheckQuorum, leadership transfer and leases at work (features past the paper's core). */
    | { readonly kind: 'feature'; readonly node: NodeId; readonly event: FeatureEvent }
    | { readonly kind: 'apply'; readonly node: NodeId; readonly entries: readonly Entry[] }
    | {
        readonly kind: 'propose';
        readonly node: NodeId;
        readonly index: number;
        readonly term: number;
        readonly command: unknown;
      }
    | { readonly kind: 'crash'; readonly node: NodeId }
    | {
        readonly kind: 'restart';
        readonly node: NodeId;
        readonly incarnation: number;
        readonly term: number;
        readonly votedFor: NodeId | null;
        readonly logLength: number;
        /** First boot of a run from existing storage (a page reload): the durable log. */
        readonly resumedLog?: readonly Entry[];
      }
    | { readonly kind: 'intervention'; readonly action: string; readonly args: readonly unknown[] }
    | {
        readonly kind: 'client-call';
        readonly client: string;
        readonly op: KvOpName;
        readonly key: string;
        readonly value?: string;
        readonly expected?: string | null;
      }
    | {
        readonly kind: 'client-return';
        readonly client: string;
        readonly op: KvOpName;
        readonly key: string;
        /** When the call started (virtual ms): the latency is t - call. */
        readonly call: number;
        /** Requests sent for it (1 when no retry was needed). */
        readonly attempts: number;
        readonly outcome: 'ok' | 'fail' | 'unknown';
        readonly result?: KvResult;
        readonly error?: string;
        /** A GET answered without a log write (§6.4); absent when it went through the log. */
        readonly servedBy?: ServedBy;
      }
  );

export type TraceKind = TraceEvent['kind'];
