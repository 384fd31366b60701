import type { Rng } from '../util/rng';
import { roundTime } from '../util/time';
import type { RaftLog } from './log';
import type { Progress } from './progress';
import type { ReadyBuilder } from './ready';
import type { Entry, NodeId, RaftConfig, Snapshot } from './types';
import { switchedOff } from './unsafe';

/** PreVote (§9.6): the answers to "would you vote for me in `term`?". */
export interface PreVoteRound {
  readonly term: number;
  readonly granted: Set<NodeId>;
}

/** Role-only state: a follower with a nextIndex is a type error. */
export interface FollowerState {
  readonly role: 'follower';
  leaderId: NodeId | null;
  electionDeadline: number;
  /** PreVote: a pre-election in progress; its term is not yet this node's term. */
  preVote?: PreVoteRound;
}

export interface CandidateState {
  readonly role: 'candidate';
  readonly granted: Set<NodeId>;
  readonly denied: Set<NodeId>;
  electionDeadline: number;
}

/** A read waiting for a majority to confirm this leader (ReadIndex, §6.4). */
export interface PendingRead {
  readonly id: number;
  readonly index: number;
  readonly round: number;
}

export interface LeaderState {
  readonly role: 'leader';
  readonly progress: Map<NodeId, Progress>;
  heartbeatDeadline: number;
  /** CheckQuorum: when each peer last answered in this term. */
  readonly lastHeard: Map<NodeId, number>;
  /**
   * ReadIndex and leases: heartbeat rounds. Every AppendEntries carries the latest round,
   * every reply echoes it; a round acknowledged by a majority proves this node still led
   * when the round began.
   */
  round: number;
  readonly ackedRound: Map<NodeId, number>;
  /** When each round not yet confirmed began, oldest first. */
  readonly roundStarts: Array<{ readonly round: number; readonly at: number }>;
  confirmedRound: number;
  /** Leases: reads may be served locally before this time. */
  leaseUntil: number;
  readonly reads: PendingRead[];
  /** Reads that arrived before an entry of this term committed (§6.4 step 1). */
  readonly readsAwaitingCommit: number[];
  /** Leadership transfer (§3.10) in progress: proposals wait until it ends. */
  transfer: { readonly to: NodeId; readonly deadline: number; timeoutNowSent: boolean } | null;
  /** A transfer began in this term: no lease reads any more (the target may be elected). */
  leaseBarred: boolean;
}

export type RoleState = FollowerState | CandidateState | LeaderState;

/** Everything a node holds. Durable: term, votedFor, log. The rest is volatile. */
export interface Core {
  readonly config: RaftConfig;
  readonly peers: readonly NodeId[];
  readonly rng: Rng;
  readonly log: RaftLog;
  readonly out: ReadyBuilder;
  now: number;
  term: number;
  votedFor: NodeId | null;
  commitIndex: number;
  lastApplied: number;
  role: RoleState;
  /**
   * When this node last heard from a leader of its term, or led itself (PreVote,
   * CheckQuorum and leases); with leases, when it booted, if later.
   */
  lastLeaderContact: number;
  /** How fast this node's clock runs against virtual time (1 unless clocks drift). */
  readonly clockRate: number;
  /** The latest snapshot (chapter 5): the log holds only what comes after it. */
  snapshot: Snapshot | null;
  /** InstallSnapshot: the chunks received so far of the leader's snapshot. */
  incoming: { readonly index: number; readonly term: number; data: string } | null;
}

/** The virtual time that `ms` of this node's own clock takes. */
export function localDuration(core: Core, ms: number): number {
  return ms / core.clockRate;
}

export function randomElectionDeadline(core: Core): number {
  const { electionTimeoutMin, electionTimeoutMax } = core.config;
  const wait = core.rng.range(electionTimeoutMin, electionTimeoutMax);
  return roundTime(core.now + localDuration(core, wait));
}

/** Heard from a leader less than an election timeout ago (or leads): no election is due. */
export function leaderAlive(core: Core): boolean {
  if (core.role.role === 'leader') return true;
  return core.now < leaderContactExpiry(core);
}

export function leaderContactExpiry(core: Core): number {
  return roundTime(core.lastLeaderContact + localDuration(core, core.config.electionTimeoutMin));
}

export function becomeFollower(core: Core, term: number, leaderId: NodeId | null): void {
  const roleChanged = core.role.role !== 'follower';
  const termChanged = term !== core.term;
  // A leader's own leadership counts as contact: it may hold a lease until now.
  if (core.role.role === 'leader') core.lastLeaderContact = core.now;
  if (termChanged) {
    core.term = term;
    core.votedFor = null;
    // Unsafe switch termNotPersisted: a term learned from a message is not written first.
    if (!switchedOff(core.config, 'termNotPersisted')) core.out.markHardState();
  }
  if (core.role.role === 'follower') {
    core.role.leaderId = leaderId;
    delete core.role.preVote;
  } else {
    core.role = { role: 'follower', leaderId, electionDeadline: randomElectionDeadline(core) };
  }
  if (roleChanged || termChanged) core.out.emit({ type: 'becameFollower', term, leaderId });
}

/** Appends a new entry of the current term to the local log (leaders only). */
export function appendLocal(core: Core, command: unknown): Entry {
  // Frozen: an entry is a value once made, so copies of a cluster's state share it.
  const entry: Entry = Object.freeze({ index: core.log.lastIndex + 1, term: core.term, command });
  core.log.append(entry);
  core.out.appendEntry(entry);
  return entry;
}

/** Moves commitIndex forward and hands the newly committed entries to the host to apply. */
export function advanceCommit(core: Core, commitIndex: number): void {
  if (commitIndex <= core.commitIndex) return;
  core.commitIndex = commitIndex;
  core.out.emit({ type: 'commitAdvanced', commitIndex });
  core.out.commit(core.log.range(core.lastApplied + 1, commitIndex));
  core.lastApplied = commitIndex;
}
