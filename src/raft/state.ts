import type { Rng } from '../util/rng';
import { roundTime } from '../util/time';
import type { RaftLog } from './log';
import type { Progress } from './progress';
import type { ReadyBuilder } from './ready';
import type { Entry, NodeId, RaftConfig } from './types';
import { switchedOff } from './unsafe';

/** Role-only state: a follower with a nextIndex is a type error. */
export interface FollowerState {
  readonly role: 'follower';
  leaderId: NodeId | null;
  electionDeadline: number;
}

export interface CandidateState {
  readonly role: 'candidate';
  readonly granted: Set<NodeId>;
  readonly denied: Set<NodeId>;
  electionDeadline: number;
}

export interface LeaderState {
  readonly role: 'leader';
  readonly progress: Map<NodeId, Progress>;
  heartbeatDeadline: number;
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
}

export function randomElectionDeadline(core: Core): number {
  const { electionTimeoutMin, electionTimeoutMax } = core.config;
  return roundTime(core.now + core.rng.range(electionTimeoutMin, electionTimeoutMax));
}

export function becomeFollower(core: Core, term: number, leaderId: NodeId | null): void {
  const roleChanged = core.role.role !== 'follower';
  const termChanged = term !== core.term;
  if (termChanged) {
    core.term = term;
    core.votedFor = null;
    // Unsafe switch termNotPersisted: a term learned from a message is not written first.
    if (!switchedOff(core.config, 'termNotPersisted')) core.out.markHardState();
  }
  if (core.role.role === 'follower') {
    core.role.leaderId = leaderId;
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
