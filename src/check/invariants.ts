/**
 * Raft's safety invariants, checked after every trace event. The checker keeps its own
 * shadow of each node (durable log, term, vote, commit and apply progress) built from the
 * trace alone, so it checks what happened, whatever host produced the trace. Its sentences
 * are shown in the page, so they name nodes as the page does (node 0 is S1).
 */
import type {
  AppendEntriesReply,
  Entry,
  HardState,
  NodeId,
  RequestVoteReply,
  Role,
} from '../raft/types';
import type { TraceEvent } from '../trace/events';
import { nodeName } from '../util/node-name';
import { LogRegistry, sameCommand } from './log-registry';

interface Shadow {
  alive: boolean;
  role: Role;
  term: number;
  durable: HardState;
  log: Entry[];
  commitIndex: number;
  lastApplied: number;
}

interface Committed {
  readonly term: number;
  readonly command: unknown;
  /** A term by which it was surely committed: leaders of later terms must hold it. */
  readonly commitTerm: number;
}

/** Replaced, never changed, and frozen: copies of the state (checkpoints) share it. */
function committedEntry(term: number, command: unknown, commitTerm: number): Committed {
  return Object.freeze({ term, command, commitTerm });
}

export const VIOLATIONS_MAX = 100;

export class InvariantChecker {
  readonly violations: string[] = [];
  private suppressed = 0;
  private eventNumber = 0;
  private now = 0;
  private readonly nodes = new Map<NodeId, Shadow>();
  private readonly leaderOfTerm = new Map<number, NodeId>();
  private readonly voteOf = new Map<string, NodeId>();
  private readonly registry = new LogRegistry();
  /** committed[i - 1]: the entry committed at index i. */
  private readonly committed: Committed[] = [];
  /** appliedAt[i - 1]: what some node applied at index i. */
  private readonly appliedAt: Entry[] = [];

  /** @param members the cluster's size, when known: a leader needs votes from a majority. */
  constructor(private readonly members?: number) {}

  /** How many violations were found beyond the first VIOLATIONS_MAX kept. */
  get suppressedCount(): number {
    return this.suppressed;
  }

  observe(e: TraceEvent): void {
    this.eventNumber++;
    this.now = e.t;
    switch (e.kind) {
      case 'restart':
        if (e.resumedLog !== undefined) this.onResume(e.node, e.term, e.votedFor, e.resumedLog);
        else this.onRestart(e.node, e.term, e.votedFor, e.logLength);
        break;
      case 'crash':
        this.shadow(e.node).alive = false;
        break;
      case 'role':
        this.onRole(e.node, e.role, e.term);
        break;
      case 'vote':
        if (e.granted) this.onVoteGranted(e.node, e.term, e.candidate);
        break;
      case 'persist':
        this.onPersist(e.node, e.hardState, e.truncateFrom, e.append);
        break;
      case 'commit':
        this.onCommit(e.node, e.commitIndex);
        break;
      case 'apply':
        this.onApply(e.node, e.entries);
        break;
      case 'send':
        if (typeof e.from === 'number') this.onSend(e.from, e.message);
        break;
      default:
        break;
    }
  }

  private shadow(id: NodeId): Shadow {
    let s = this.nodes.get(id);
    if (s === undefined) {
      s = {
        alive: true,
        role: 'follower',
        term: 0,
        durable: { term: 0, votedFor: null },
        log: [],
        commitIndex: 0,
        lastApplied: 0,
      };
      this.nodes.set(id, s);
    }
    return s;
  }

  private violation(rule: string, sentence: string): void {
    if (this.violations.length >= VIOLATIONS_MAX) {
      this.suppressed++;
      return;
    }
    this.violations.push(`${rule}: ${sentence} (event #${this.eventNumber}, t=${this.now} ms)`);
  }

  private onRestart(id: NodeId, term: number, votedFor: NodeId | null, logLength: number): void {
    const s = this.shadow(id);
    const d = s.durable;
    if (term !== d.term || votedFor !== d.votedFor) {
      this.violation(
        'Term and vote durability',
        `${nodeName(id)} restarted with term ${term} and vote ${vote(votedFor)}, but had persisted term ${d.term} and vote ${vote(d.votedFor)}`,
      );
    }
    if (logLength !== s.log.length) {
      this.violation(
        'Log durability',
        `${nodeName(id)} restarted with ${logLength} log entries, but had persisted ${s.log.length}`,
      );
    }
    Object.assign(s, { alive: true, role: 'follower', term, commitIndex: 0, lastApplied: 0 });
  }

  /** A node resuming a run from storage this checker never saw: its state is the baseline. */
  private onResume(id: NodeId, term: number, votedFor: NodeId | null, log: readonly Entry[]): void {
    const s = this.shadow(id);
    s.durable = { term, votedFor };
    s.term = term;
    s.log = [];
    for (const e of log) {
      const clash = this.registry.add(e, e.index === 1 ? 0 : s.log[e.index - 2]!.term);
      if (clash !== null) this.violation('Log matching', `${nodeName(id)} ${clash}`);
      s.log.push(e);
    }
    Object.assign(s, { alive: true, role: 'follower', commitIndex: 0, lastApplied: 0 });
  }

  private onRole(id: NodeId, role: Role, term: number): void {
    const s = this.shadow(id);
    s.role = role;
    s.term = term;
    if (role !== 'leader') return;
    const other = this.leaderOfTerm.get(term);
    if (other !== undefined && other !== id) {
      this.violation(
        'Election safety',
        `${nodeName(id)} became leader in term ${term}, but ${nodeName(other)} already was`,
      );
    }
    this.leaderOfTerm.set(term, id);
    this.checkElectedByMajority(id, term);
    this.checkLeaderHoldsCommitted(id, s);
  }

  /** §5.2: a candidate wins with the votes of a majority in its own term (its own among them). */
  private checkElectedByMajority(id: NodeId, term: number): void {
    if (this.members === undefined) return;
    const voters = [id];
    for (let voter = 0; voter < this.members; voter++) {
      if (voter !== id && this.voteOf.get(`${voter}:${term}`) === id) voters.push(voter);
    }
    if (voters.length > this.members / 2) return;
    voters.sort((a, b) => a - b);
    this.violation(
      'Election by majority',
      `${nodeName(id)} became leader in term ${term} with votes from ${voters.map(nodeName).join(', ')} alone in that term; ${this.members} servers need ${Math.floor(this.members / 2) + 1}`,
    );
  }

  /** Leader completeness: a new leader holds every entry committed in an earlier term. */
  private checkLeaderHoldsCommitted(id: NodeId, s: Shadow): void {
    for (let i = 1; i <= this.committed.length; i++) {
      const c = this.committed[i - 1]!;
      if (c.commitTerm >= s.term) continue;
      const mine = s.log[i - 1];
      if (mine === undefined || mine.term !== c.term) {
        this.violation(
          'Leader completeness',
          `${nodeName(id)} became leader in term ${s.term} without entry ${i} (term ${c.term}), committed by term ${c.commitTerm}`,
        );
        return;
      }
    }
  }

  private onVoteGranted(id: NodeId, term: number, candidate: NodeId): void {
    const key = `${id}:${term}`;
    const earlier = this.voteOf.get(key);
    if (earlier !== undefined && earlier !== candidate) {
      this.violation(
        'Vote safety',
        `${nodeName(id)} voted for ${nodeName(earlier)} and for ${nodeName(candidate)} in term ${term}`,
      );
    }
    this.voteOf.set(key, candidate);
  }

  private onPersist(
    id: NodeId,
    hardState: HardState | null,
    truncateFrom: number | null,
    append: readonly Entry[],
  ): void {
    const s = this.shadow(id);
    if (hardState !== null) this.onHardState(id, s, hardState);
    if (truncateFrom !== null) this.onTruncate(id, s, truncateFrom);
    for (const e of append) {
      if (e.index !== s.log.length + 1) {
        this.violation(
          'Log contiguity',
          `${nodeName(id)} stored entry ${e.index} after ${s.log.length} entries`,
        );
        return;
      }
      const prevTerm = e.index === 1 ? 0 : s.log[e.index - 2]!.term;
      const clash = this.registry.add(e, prevTerm);
      if (clash !== null) this.violation('Log matching', `${nodeName(id)} ${clash}`);
      s.log.push(e);
    }
  }

  private onHardState(id: NodeId, s: Shadow, h: HardState): void {
    const d = s.durable;
    if (h.term < d.term) {
      this.violation(
        'Term monotonicity',
        `${nodeName(id)} persisted term ${h.term} after term ${d.term}`,
      );
    } else if (h.term === d.term && d.votedFor !== null && h.votedFor !== d.votedFor) {
      this.violation(
        'Vote safety',
        `${nodeName(id)} changed its persisted vote in term ${h.term} from ${vote(d.votedFor)} to ${vote(h.votedFor)}`,
      );
    }
    s.durable = h;
    s.term = Math.max(s.term, h.term);
  }

  private onTruncate(id: NodeId, s: Shadow, from: number): void {
    if (s.role === 'leader' && s.alive) {
      this.violation(
        'Leader append-only',
        `leader ${nodeName(id)} of term ${s.term} deleted entries from index ${from}`,
      );
    }
    for (let i = from; i <= s.log.length; i++) {
      const c = this.committed[i - 1];
      // A follower still in an older term may drop an entry committed in a later one (a
      // stale leader reached it): every future leader holds it. From the commit's term on,
      // only a broken node deletes it.
      if (c !== undefined && c.term === s.log[i - 1]!.term && s.term >= c.commitTerm) {
        this.violation(
          'Committed entries are durable',
          `${nodeName(id)} deleted committed entry ${i} (term ${c.term})`,
        );
        break;
      }
    }
    s.log.length = Math.min(s.log.length, Math.max(0, from - 1));
  }

  private onCommit(id: NodeId, commitIndex: number): void {
    const s = this.shadow(id);
    if (commitIndex < s.commitIndex) {
      this.violation(
        'Commit monotonicity',
        `${nodeName(id)} moved its commit index back from ${s.commitIndex} to ${commitIndex}`,
      );
      return;
    }
    if (commitIndex > s.log.length) {
      this.violation(
        'Commit within log',
        `${nodeName(id)} committed index ${commitIndex} but holds ${s.log.length} entries`,
      );
      return;
    }
    for (let i = s.commitIndex + 1; i <= commitIndex; i++) this.markCommitted(id, s, s.log[i - 1]!);
    s.commitIndex = commitIndex;
  }

  private markCommitted(id: NodeId, s: Shadow, e: Entry): void {
    const c = this.committed[e.index - 1];
    if (c === undefined) {
      this.committed[e.index - 1] = committedEntry(e.term, e.command, s.term);
      this.checkLeadersHold(e, s.term);
      return;
    }
    if (c.term !== e.term || !sameCommand(c.command, e.command)) {
      this.violation(
        'State machine safety',
        `${nodeName(id)} committed entry ${e.index} of term ${e.term}, but an entry of term ${c.term} was committed there`,
      );
    }
    if (s.term < c.commitTerm)
      this.committed[e.index - 1] = committedEntry(c.term, c.command, s.term);
  }

  /** Leader completeness, the other way round: live leaders of later terms hold a new commit. */
  private checkLeadersHold(e: Entry, commitTerm: number): void {
    for (const [leaderId, leader] of this.nodes) {
      if (!leader.alive || leader.role !== 'leader' || leader.term <= commitTerm) continue;
      const held = leader.log[e.index - 1];
      if (held === undefined || held.term !== e.term) {
        this.violation(
          'Leader completeness',
          `entry ${e.index} (term ${e.term}) was committed in term ${commitTerm}, but leader ${nodeName(leaderId)} of term ${leader.term} lacks it`,
        );
      }
    }
  }

  /** Persist before send: a reply may only promise what its sender already made durable. */
  private onSend(id: NodeId, message: unknown): void {
    const m = message as {
      type?: string;
      term?: number;
      to?: unknown;
      voteGranted?: RequestVoteReply['voteGranted'];
      success?: AppendEntriesReply['success'];
      matchIndex?: number;
    };
    const s = this.shadow(id);
    if (m.type === 'RequestVoteReply' && m.voteGranted === true) {
      if (s.durable.term !== m.term || s.durable.votedFor !== m.to) {
        this.violation(
          'Persist before send',
          `${nodeName(id)} granted its vote in term ${m.term} to ${typeof m.to === 'number' ? nodeName(m.to) : String(m.to)}, but had persisted term ${s.durable.term} and vote ${vote(s.durable.votedFor)}`,
        );
      }
    } else if (
      m.type === 'AppendEntriesReply' &&
      m.success === true &&
      (m.matchIndex ?? 0) > s.log.length
    ) {
      this.violation(
        'Persist before send',
        `${nodeName(id)} acknowledged entries up to ${m.matchIndex}, but had persisted ${s.log.length}`,
      );
    } else if (
      typeof m.term === 'number' &&
      m.term > s.durable.term &&
      // PreVote and its grants name a term the sender does not hold (§9.6).
      m.type !== 'PreVote' &&
      m.type !== 'PreVoteReply'
    ) {
      // Figure 2: currentTerm is "updated on stable storage before responding to RPCs".
      this.violation(
        'Persist before send',
        `${nodeName(id)} sent ${m.type ?? 'a message'} in term ${m.term}, but had persisted term ${s.durable.term}`,
      );
    }
  }

  private onApply(id: NodeId, entries: readonly Entry[]): void {
    const s = this.shadow(id);
    for (const e of entries) {
      if (e.index !== s.lastApplied + 1) {
        this.violation(
          'Apply order',
          `${nodeName(id)} applied entry ${e.index} after entry ${s.lastApplied}`,
        );
        return;
      }
      if (e.index > s.commitIndex) {
        this.violation(
          'Apply only committed',
          `${nodeName(id)} applied entry ${e.index} beyond its commit index ${s.commitIndex}`,
        );
      }
      const earlier = this.appliedAt[e.index - 1];
      if (earlier === undefined) {
        this.appliedAt[e.index - 1] = e;
      } else if (earlier.term !== e.term || !sameCommand(earlier.command, e.command)) {
        this.violation(
          'State machine safety',
          `${nodeName(id)} applied ${describeEntry(e)} at index ${e.index}, where another node applied ${describeEntry(earlier)}`,
        );
      }
      s.lastApplied = e.index;
    }
  }
}

/** A persisted vote in a sentence: the node's name, or null for no vote. */
function vote(votedFor: NodeId | null): string {
  return votedFor === null ? 'null' : nodeName(votedFor);
}

function describeEntry(e: Entry): string {
  return `term ${e.term} command ${JSON.stringify(e.command) ?? 'undefined'}`;
}
