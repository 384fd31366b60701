/** Types of the Raft core. Field names follow Figure 2 of the Raft paper. */
import type { UnsafeSwitch } from './unsafe';

export type NodeId = number;
export type Role = 'follower' | 'candidate' | 'leader';

/** A log entry. Indices are 1-based as in the paper. A no-op entry has command null. */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly command: unknown;
}

/** What must survive a crash besides the log (Figure 2, "persistent state"). */
export interface HardState {
  readonly term: number;
  readonly votedFor: NodeId | null;
}

/** What a candidate says of itself, in RequestVote and in PreVote. */
interface CandidacyFields {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly candidateId: NodeId;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface RequestVote extends CandidacyFields {
  readonly type: 'RequestVote';
  /** Sent on the leader's TimeoutNow (§3.10): voters waive leader stickiness for it. */
  readonly leadershipTransfer?: true;
}

export interface RequestVoteReply {
  readonly type: 'RequestVoteReply';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly voteGranted: boolean;
}

export interface AppendEntries {
  readonly type: 'AppendEntries';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly leaderId: NodeId;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly leaderCommit: number;
  /**
   * ReadIndex and leases (§6.4): the leader's heartbeat round when this was sent, echoed in
   * the reply, so a leader knows a majority heard it after a read arrived. Absent when
   * reads go through the log.
   */
  readonly round?: number;
}

export interface AppendEntriesReply {
  readonly type: 'AppendEntriesReply';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly success: boolean;
  /** Echo of the request's prevLogIndex, so a leader can tell a stale rejection. */
  readonly prevLogIndex: number;
  /** On success: the last index known to match the leader's log. */
  readonly matchIndex: number;
  /** On failure (fast backtracking): where the follower's log diverges. */
  readonly conflictIndex: number;
  /** On failure: the term of the follower's conflicting entry, or null if its log is short. */
  readonly conflictTerm: number | null;
  /** The request's `round`, echoed (ReadIndex and leases). */
  readonly round?: number;
}

/**
 * PreVote (§9.6): "would you vote for me in `term`?", asked before raising the term. The
 * receiver changes nothing, its term included.
 */
export interface PreVote extends CandidacyFields {
  readonly type: 'PreVote';
  /** The term the sender would stand in: its own term + 1. */
  readonly term: number;
}

export interface PreVoteReply {
  readonly type: 'PreVoteReply';
  readonly from: NodeId;
  readonly to: NodeId;
  /** Granted: the term asked about. Refused: the receiver's term. */
  readonly term: number;
  readonly voteGranted: boolean;
}

/**
 * InstallSnapshot (chapter 5): the leader sends a follower that is behind its snapshot the
 * snapshot itself, in chunks of its serialized state (`data` from `offset`).
 */
export interface InstallSnapshot {
  readonly type: 'InstallSnapshot';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly leaderId: NodeId;
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  /** Where this chunk begins in the snapshot's data. */
  readonly offset: number;
  readonly data: string;
  /** The last chunk. */
  readonly done: boolean;
}

export interface InstallSnapshotReply {
  readonly type: 'InstallSnapshotReply';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly lastIncludedIndex: number;
  /** How much of the data the follower holds: where the next chunk must begin. */
  readonly received: number;
  /** The whole snapshot is installed (or the follower already had what it covers). */
  readonly done: boolean;
}

/** Leadership transfer (§3.10): "your log is up to date: start an election now". */
export interface TimeoutNow {
  readonly type: 'TimeoutNow';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly leaderId: NodeId;
}

export type RaftMessage =
  | RequestVote
  | RequestVoteReply
  | AppendEntries
  | AppendEntriesReply
  | PreVote
  | PreVoteReply
  | TimeoutNow
  | InstallSnapshot
  | InstallSnapshotReply;
export type RaftMessageType = RaftMessage['type'];

/** Why a vote was denied, for the event log and explanations. */
export type VoteDeniedReason =
  | 'stale-term'
  | 'already-voted'
  | 'log-not-up-to-date'
  /** PreVote or CheckQuorum: it heard from a leader less than an election timeout ago. */
  | 'leader-alive';

/**
 * Semantic events the core reports; `ui/explain` turns them into words. The core itself
 * holds no prose.
 */
export type RaftEvent =
  | { readonly type: 'becameFollower'; readonly term: number; readonly leaderId: NodeId | null }
  | { readonly type: 'becameCandidate'; readonly term: number }
  | { readonly type: 'becameLeader'; readonly term: number }
  | {
      readonly type: 'voted';
      readonly term: number;
      readonly candidateId: NodeId;
      readonly granted: boolean;
      readonly reason?: VoteDeniedReason;
    }
  | { readonly type: 'electionTimeout'; readonly term: number }
  | { readonly type: 'truncatedLog'; readonly fromIndex: number }
  /** PreVote: asks whether it could win `term` before raising its own. */
  | { readonly type: 'preVoteStarted'; readonly term: number }
  | {
      readonly type: 'preVoted';
      readonly term: number;
      readonly candidateId: NodeId;
      readonly granted: boolean;
      readonly reason?: VoteDeniedReason;
    }
  /** CheckQuorum: a leader that heard from no majority within an election timeout. */
  | { readonly type: 'steppedDown'; readonly term: number }
  /** Leases: a forced election timeout waits, as the leader may hold a lease on its word. */
  | { readonly type: 'electionHeldBack'; readonly term: number; readonly until: number }
  | { readonly type: 'transferStarted'; readonly term: number; readonly to: NodeId }
  | { readonly type: 'transferAborted'; readonly term: number; readonly to: NodeId }
  | { readonly type: 'commitAdvanced'; readonly commitIndex: number };

/** Inputs enter the core one way: a message, a timer check, or a forced election timeout. */
export type Input =
  | { readonly kind: 'message'; readonly message: RaftMessage }
  | { readonly kind: 'tick' }
  | { readonly kind: 'electionTimeout' }
  /** Leadership transfer (§3.10), asked of the leader. */
  | { readonly kind: 'transferLeadership'; readonly to: NodeId };

/**
 * Everything one or more steps ask of the host (etcd's Ready). The host must, in order:
 * 1. make `hardState`, `truncateFrom` and `append` durable (truncate, then append);
 * 2. only then send `messages` (votes and acks promise durable state);
 * 3. apply `committed` in order.
 */
export interface Ready {
  readonly hardState: HardState | null;
  /** Delete stored entries with index >= truncateFrom before appending. */
  readonly truncateFrom: number | null;
  readonly append: readonly Entry[];
  readonly messages: readonly RaftMessage[];
  readonly committed: readonly Entry[];
  readonly events: readonly RaftEvent[];
  /** Reads a leader confirmed (ReadIndex): serve each once lastApplied >= index. */
  readonly readStates: readonly ReadState[];
  /**
   * A snapshot to make durable before the messages leave: keep it, and drop every stored
   * entry it covers (then apply truncateFrom and append as usual). Null: none.
   */
  readonly snapshot: Snapshot | null;
  /**
   * A snapshot a leader installed here (InstallSnapshot): the host replaces its state
   * machine with it before applying `committed`, which then begins after it.
   */
  readonly restore: Snapshot | null;
}

/** Where a snapshot ends: its last entry's index and term. */
export interface SnapshotMeta {
  readonly index: number;
  readonly term: number;
}

/** A snapshot: the state machine after the entries up to `index`, serialized by the host. */
export interface Snapshot extends SnapshotMeta {
  readonly data: string;
}

export interface ReadState {
  /** The host's number for the read (see RaftNode.requestRead). */
  readonly id: number;
  /** The commit index when the read arrived: serve it once lastApplied reaches it. */
  readonly index: number;
  readonly servedBy: 'readIndex' | 'lease';
}

/** How a KV GET is served: as a log entry, by ReadIndex, or from a leader's lease (§6.4). */
export type ReadMode = 'log' | 'readIndex' | 'lease';

export interface RaftConfig {
  readonly id: NodeId;
  /** Every member of the cluster, this node included. */
  readonly members: readonly NodeId[];
  readonly electionTimeoutMin: number;
  readonly electionTimeoutMax: number;
  readonly heartbeatInterval: number;
  /** Upper bound on entries carried by one AppendEntries. */
  readonly entriesPerAppendMax: number;
  /** Upper bound on unacknowledged AppendEntries to a follower in sync (pipelining). */
  readonly inflightMax: number;
  /** Seed of this node's random stream (election timeouts). */
  readonly seed: number;
  /** Rules of Raft switched off (raft/unsafe.ts); absent or empty in every safe run. */
  readonly unsafe?: readonly UnsafeSwitch[];
  /** Features past the core Raft; each absent when off (the paper's behaviour). */
  readonly preVote?: true;
  readonly checkQuorum?: true;
  /** Absent: 'log'. 'lease' needs checkQuorum. */
  readonly readMode?: ReadMode;
  /** Leases: the most a node's clock may run fast or slow, as a fraction (0.01 = 1%). */
  readonly clockDriftMax?: number;
  /** InstallSnapshot: the most characters of snapshot data in one message. */
  readonly snapshotChunkMax?: number;
}

/** Durable state a node starts from: empty on first boot, its storage after a crash. */
export interface DurableState {
  readonly hardState: HardState;
  /** The entries after the snapshot (all of them without one). */
  readonly log: readonly Entry[];
  /** Absent or null: none. */
  readonly snapshot?: Snapshot | null;
}
