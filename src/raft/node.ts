/**
 * One Raft node as a pure state machine: inputs go in through `step` / `propose`, and
 * `takeReady` says what to persist, send and apply. No timers, no I/O, no clock: time
 * arrives with each input and `nextDeadline` says when the host should tick next.
 */
import { deriveSeed, Rng } from '../util/rng';
import { roundTime } from '../util/time';
import {
  ignoresRequestVote,
  onElectionTimeout,
  onPreVote,
  onPreVoteReply,
  onRequestVote,
  onRequestVoteReply,
} from './election';
import { onAppendEntries, onInstallSnapshot, onTimeoutNow } from './follower';
import {
  onAppendEntriesReply,
  onHeartbeatTimeout,
  onInstallSnapshotReply,
  propose,
  requestRead,
  startTransfer,
} from './leader';
import { RaftLog } from './log';
import type { ProgressState } from './progress';
import { ReadyBuilder } from './ready';
import {
  becomeFollower,
  type CandidateState,
  type Core,
  type FollowerState,
  type LeaderState,
  leaderContactExpiry,
} from './state';
import type {
  DurableState,
  Entry,
  Input,
  NodeId,
  RaftConfig,
  RaftMessage,
  Ready,
  Role,
  Snapshot,
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
      log: new RaftLog(durable.log, durable.snapshot ?? null),
      out: new ReadyBuilder(),
      now,
      term: durable.hardState.term,
      votedFor: durable.hardState.votedFor,
      // What a snapshot covers is committed and applied (the host restores it).
      commitIndex: durable.snapshot?.index ?? 0,
      lastApplied: durable.snapshot?.index ?? 0,
      role: { role: 'follower', leaderId: null, electionDeadline: 0 },
      // With leases, booting counts as contact: before a crash this node may have
      // acknowledged a leader whose lease still runs, and it must not vote until it ends.
      lastLeaderContact: config.readMode === 'lease' ? now : Number.NEGATIVE_INFINITY,
      clockRate: clockRate(config),
      snapshot: durable.snapshot ?? null,
      incoming: null,
    };
    const wait = rng.range(config.electionTimeoutMin, config.electionTimeoutMax);
    this.core.role = {
      role: 'follower',
      leaderId: null,
      electionDeadline: roundTime(now + wait / this.core.clockRate),
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
        this.forceElectionTimeout();
        return;
      case 'transferLeadership':
        this.transferLeadership(input.to);
        return;
    }
  }

  /**
   * Reads without a log write (§6.4): registers read `id`; a later Ready's readStates says
   * when to serve it. False if this node is not the leader, or reads go through the log.
   */
  requestRead(id: number, now: number): boolean {
    this.core.now = now;
    const role = this.core.role;
    const mode = this.core.config.readMode;
    if (role.role !== 'leader' || mode === undefined || mode === 'log') return false;
    requestRead(this.core, role, id);
    return true;
  }

  /**
   * Log compaction (chapter 5): the host has a snapshot of its state machine after entry
   * `index`, which it has applied; the log up to there goes, and storage gets the snapshot.
   */
  compact(index: number, data: string): void {
    const core = this.core;
    if (index > core.lastApplied)
      throw new Error(`cannot snapshot at ${index}: only ${core.lastApplied} are applied`);
    if (index <= core.log.snapshotIndex) return;
    const term = core.log.term(index);
    core.log.compact(index);
    core.snapshot = { index, term, data };
    core.out.snapshot(core.snapshot);
  }

  /** The last index and term the snapshot covers (0 and 0 without one). */
  get snapshotIndex(): number {
    return this.core.log.snapshotIndex;
  }
  get snapshotTerm(): number {
    return this.core.log.term(this.core.log.snapshotIndex);
  }
  /** The latest snapshot, data included; null without one. */
  get snapshot(): Snapshot | null {
    return this.core.snapshot;
  }

  /** A timeout forced from outside (the page, a scenario); leaders have no election timer. */
  private forceElectionTimeout(): void {
    const core = this.core;
    if (core.role.role === 'leader') return;
    if (core.config.readMode === 'lease') {
      // A leader may be serving reads on a lease this node granted: wait for it to end.
      const until = leaderContactExpiry(core);
      if (core.now < until) {
        core.out.emit({ type: 'electionHeldBack', term: core.term, until });
        core.role.electionDeadline = Math.max(core.role.electionDeadline, until);
        return;
      }
    }
    onElectionTimeout(core);
  }

  /** Leadership transfer (§3.10), asked of the leader: ignored by anyone else. */
  private transferLeadership(to: NodeId): void {
    const role = this.core.role;
    if (role.role !== 'leader' || !this.core.peers.includes(to)) return;
    startTransfer(this.core, role, to);
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
    // During a leadership transfer the leader takes no proposals (§3.10).
    if (role.role !== 'leader' || role.transfer !== null) return commands.map(() => null);
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
  /** The node this leader is handing leadership to, or null. */
  get transferringTo(): NodeId | null {
    const role = this.core.role;
    return role.role === 'leader' ? (role.transfer?.to ?? null) : null;
  }
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
      onElectionTimeout(core);
    }
  }

  /** The shared prelude: any message from a higher term makes this node a follower. */
  private stepMessage(m: RaftMessage): void {
    const core = this.core;
    // PreVote messages never change a term: a grant carries the term asked about.
    if (m.type === 'PreVote') {
      onPreVote(core, m);
      return;
    }
    if (m.type === 'PreVoteReply' && m.voteGranted) {
      if (core.role.role === 'follower') onPreVoteReply(core, core.role, m);
      return;
    }
    if (m.type === 'RequestVote' && ignoresRequestVote(core, m)) return;
    if (m.term > core.term) {
      becomeFollower(core, m.term, m.type === 'AppendEntries' ? m.leaderId : null);
    }
    const role = core.role;
    switch (role.role) {
      case 'follower':
        this.stepFollower(role, m);
        return;
      case 'candidate':
        this.stepCandidate(role, m);
        return;
      case 'leader':
        this.stepLeader(role, m);
        return;
    }
  }

  private stepFollower(follower: FollowerState, m: RaftMessage): void {
    if (m.type === 'RequestVote') onRequestVote(this.core, m);
    else if (m.type === 'AppendEntries') onAppendEntries(this.core, m);
    else if (m.type === 'InstallSnapshot') onInstallSnapshot(this.core, m);
    else if (m.type === 'PreVoteReply') onPreVoteReply(this.core, follower, m);
    else if (m.type === 'TimeoutNow') onTimeoutNow(this.core, m);
  }

  private stepCandidate(candidate: CandidateState, m: RaftMessage): void {
    if (m.type === 'RequestVote') onRequestVote(this.core, m);
    else if (m.type === 'RequestVoteReply') onRequestVoteReply(this.core, candidate, m);
    else if (m.type === 'AppendEntries') onAppendEntries(this.core, m);
    else if (m.type === 'InstallSnapshot') onInstallSnapshot(this.core, m);
  }

  private stepLeader(leader: LeaderState, m: RaftMessage): void {
    if (m.type === 'RequestVote') onRequestVote(this.core, m);
    else if (m.type === 'AppendEntriesReply') onAppendEntriesReply(this.core, leader, m);
    else if (m.type === 'InstallSnapshotReply') onInstallSnapshotReply(this.core, leader, m);
    else if (m.type === 'InstallSnapshot' && m.term < this.core.term)
      onInstallSnapshot(this.core, m);
    // An AppendEntries of our own term cannot exist (one leader per term); an older one
    // gets a rejection carrying our term.
    else if (m.type === 'AppendEntries' && m.term < this.core.term) onAppendEntries(this.core, m);
  }
}

/** Clocks drift (leases): each node's rate is fixed by its seed, within clockDriftMax. */
function clockRate(config: RaftConfig): number {
  const drift = config.clockDriftMax ?? 0;
  if (drift === 0) return 1;
  return 1 + (new Rng(deriveSeed(config.seed, 'clock')).next() * 2 - 1) * drift;
}
