/**
 * One Raft node as a pure state machine: inputs go in through `step` / `propose`, and
 * `takeReady` says what to persist, send and apply. No timers, no I/O, no clock: time
 * arrives with each input and `nextDeadline` says when the host should tick next.
 */
import { Rng } from '../util/rng';
import { roundTime } from '../util/time';
import { onRequestVote, onRequestVoteReply, startElection } from './election';
import { onAppendEntries } from './follower';
import { onAppendEntriesReply, onHeartbeatTimeout, propose } from './leader';
import { RaftLog } from './log';
import type { ProgressState } from './progress';
import { ReadyBuilder } from './ready';
import { becomeFollower, type CandidateState, type Core, type LeaderState } from './state';
import type {
  DurableState,
  Entry,
  Input,
  NodeId,
  RaftConfig,
  RaftMessage,
  Ready,
  Role,
} from './types';

export interface FollowerProgressView {
  readonly peer: NodeId;
  readonly state: ProgressState;
  readonly nextIndex: number;
  readonly matchIndex: number;
  readonly inflight: number;
}

/** A small, copyable summary of a node for views and for hosts that cannot share the core. */
export interface NodeStatus {
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly lastIndex: number;
  /** Election deadline (follower, candidate) or next heartbeat (leader), virtual ms. */
  readonly nextDeadline: number;
  readonly votesGranted: readonly NodeId[];
  readonly progress: readonly FollowerProgressView[];
}

export class RaftNode {
  private readonly core: Core;

  constructor(config: RaftConfig, durable: DurableState, now: number) {
    if (!config.members.includes(config.id)) {
      throw new Error(`node ${config.id} is not among the members ${config.members.join(', ')}`);
    }
    const rng = new Rng(config.seed);
    this.core = {
      config,
      peers: config.members.filter((m) => m !== config.id),
      rng,
      log: new RaftLog(durable.log),
      out: new ReadyBuilder(),
      now,
      term: durable.hardState.term,
      votedFor: durable.hardState.votedFor,
      commitIndex: 0,
      lastApplied: 0,
      role: { role: 'follower', leaderId: null, electionDeadline: 0 },
    };
    this.core.role = {
      role: 'follower',
      leaderId: null,
      electionDeadline: roundTime(
        now + rng.range(config.electionTimeoutMin, config.electionTimeoutMax),
      ),
    };
  }

  step(input: Input, now: number): void {
    this.core.now = now;
    switch (input.kind) {
      case 'message':
        this.stepMessage(input.message);
        return;
      case 'tick':
        this.tick();
        return;
      case 'electionTimeout':
        if (this.core.role.role !== 'leader') startElection(this.core);
        return;
    }
  }

  /** Appends a command if this node is the leader; null otherwise. */
  propose(command: unknown, now: number): { index: number; term: number } | null {
    return this.proposeBatch([command], now)[0] ?? null;
  }

  /** Appends several commands in one go if leader (sent as one batch); nulls otherwise. */
  proposeBatch(
    commands: readonly unknown[],
    now: number,
  ): Array<{ index: number; term: number } | null> {
    this.core.now = now;
    const role = this.core.role;
    if (role.role !== 'leader') return commands.map(() => null);
    return propose(this.core, role, commands).map((e) => ({ index: e.index, term: e.term }));
  }

  takeReady(): Ready {
    return this.core.out.take({ term: this.core.term, votedFor: this.core.votedFor });
  }

  /** When the host must tick this node next (election timeout or heartbeat). */
  nextDeadline(): number {
    const role = this.core.role;
    return role.role === 'leader' ? role.heartbeatDeadline : role.electionDeadline;
  }

  get id(): NodeId {
    return this.core.config.id;
  }
  get role(): Role {
    return this.core.role.role;
  }
  get term(): number {
    return this.core.term;
  }
  get votedFor(): NodeId | null {
    return this.core.votedFor;
  }
  get commitIndex(): number {
    return this.core.commitIndex;
  }
  get lastApplied(): number {
    return this.core.lastApplied;
  }
  get lastIndex(): number {
    return this.core.log.lastIndex;
  }
  get log(): readonly Entry[] {
    return this.core.log.all();
  }
  /** The leader this node currently follows, or itself when leader; null if unknown. */
  get leaderId(): NodeId | null {
    const role = this.core.role;
    if (role.role === 'leader') return this.core.config.id;
    return role.role === 'follower' ? role.leaderId : null;
  }
  /** Votes granted to this node while it is a candidate. */
  get votesGranted(): readonly NodeId[] {
    return this.core.role.role === 'candidate' ? [...this.core.role.granted] : [];
  }
  /** For a leader: what it knows of each follower. */
  get progress(): readonly FollowerProgressView[] {
    const role = this.core.role;
    if (role.role !== 'leader') return [];
    return [...role.progress].map(([peer, pr]) => ({
      peer,
      state: pr.state,
      nextIndex: pr.nextIndex,
      matchIndex: pr.matchIndex,
      inflight: pr.inflights.length,
    }));
  }

  status(): NodeStatus {
    return {
      role: this.role,
      term: this.term,
      votedFor: this.votedFor,
      leaderId: this.leaderId,
      commitIndex: this.commitIndex,
      lastApplied: this.lastApplied,
      lastIndex: this.lastIndex,
      nextDeadline: this.nextDeadline(),
      votesGranted: this.votesGranted,
      progress: this.progress,
    };
  }

  private tick(): void {
    const core = this.core;
    const role = core.role;
    if (role.role === 'leader') {
      if (core.now >= role.heartbeatDeadline) onHeartbeatTimeout(core, role);
    } else if (core.now >= role.electionDeadline) {
      startElection(core);
    }
  }

  /** The shared prelude: any message from a higher term makes this node a follower. */
  private stepMessage(m: RaftMessage): void {
    const core = this.core;
    if (m.term > core.term) {
      becomeFollower(core, m.term, m.type === 'AppendEntries' ? m.leaderId : null);
    }
    const role = core.role;
    switch (role.role) {
      case 'follower':
        this.stepFollower(m);
        return;
      case 'candidate':
        this.stepCandidate(role, m);
        return;
      case 'leader':
        this.stepLeader(role, m);
        return;
    }
  }

  private stepFollower(m: RaftMessage): void {
    if (m.type === 'RequestVote') onRequestVote(this.core, m);
    else if (m.type === 'AppendEntries') onAppendEntries(this.core, m);
  }

  private stepCandidate(candidate: CandidateState, m: RaftMessage): void {
    if (m.type === 'RequestVote') onRequestVote(this.core, m);
    else if (m.type === 'RequestVoteReply') onRequestVoteReply(this.core, candidate, m);
    else if (m.type === 'AppendEntries') onAppendEntries(this.core, m);
  }

  private stepLeader(leader: LeaderState, m: RaftMessage): void {
    if (m.type === 'RequestVote') onRequestVote(this.core, m);
    else if (m.type === 'AppendEntriesReply') onAppendEntriesReply(this.core, leader, m);
    // An AppendEntries of our own term cannot exist (one leader per term); an older one
    // gets a rejection carrying our term.
    else if (m.type === 'AppendEntries' && m.term < this.core.term) onAppendEntries(this.core, m);
  }
}
