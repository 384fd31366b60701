/**
 * A KV server replica: the Raft core, the replicated state machine, and the client
 * requests this node accepted as leader and still owes an answer. Pure like the core:
 * inputs in, a Ready plus client replies out.
 */

import { RaftNode } from '../raft/node';
import type {
  DurableState,
  Entry,
  Input,
  NodeId,
  RaftConfig,
  ReadState,
  Ready,
} from '../raft/types';
import { switchedOff } from '../raft/unsafe';
import { commandProblem } from './limits';
import { type Applied, KvStateMachine } from './state-machine';
import {
  type ClientReply,
  type ClientRequest,
  isSessionCommand,
  type KvCommand,
  type KvResponse,
  type SessionCommand,
} from './types';

export interface OutgoingReply {
  readonly to: string;
  readonly reply: ClientReply;
}

export interface ReplicaOutput {
  readonly ready: Ready;
  readonly replies: readonly OutgoingReply[];
}

interface Pending {
  readonly client: string;
  readonly term: number;
}

/** A GET served without a log write (§6.4), waiting for the leader to confirm it. */
interface PendingRead {
  readonly client: string;
  readonly seq: number;
  readonly command: KvCommand;
}

export class Replica {
  readonly raft: RaftNode;
  readonly machine: KvStateMachine;
  private readonly applyRetries: boolean;
  private readonly readsFromOwnState: boolean;
  /** Log index -> the client waiting for the entry proposed there. */
  private readonly pending = new Map<number, Pending>();
  /** Read id -> a GET this leader is confirming (ReadIndex and leases). */
  private readonly reads = new Map<number, PendingRead>();
  /** Confirmed reads whose index this node has not applied yet. */
  private confirmed: ReadState[] = [];
  private readIds = 0;
  private replies: OutgoingReply[] = [];

  constructor(config: RaftConfig, durable: DurableState, now: number) {
    this.raft = new RaftNode(config, durable, now);
    this.applyRetries = switchedOff(config, 'noClientSessions');
    this.readsFromOwnState = switchedOff(config, 'staleReads');
    this.machine = new KvStateMachine(undefined, this.applyRetries);
  }

  get id(): NodeId {
    return this.raft.id;
  }

  step(input: Input, now: number): void {
    this.raft.step(input, now);
  }

  /** A raw proposal (the harness's submit); no client waits for it. */
  propose(command: unknown, now: number): { index: number; term: number } | null {
    return this.raft.propose(command, now);
  }

  /** Raw proposals in one batch (benchmarks). */
  proposeBatch(
    commands: readonly unknown[],
    now: number,
  ): Array<{ index: number; term: number } | null> {
    return this.raft.proposeBatch(commands, now);
  }

  onClientRequest(from: string, req: ClientRequest, now: number): void {
    if (this.raft.role !== 'leader') {
      this.reply(from, {
        type: 'ClientReply',
        status: 'notLeader',
        seq: req.seq,
        leaderHint: this.raft.leaderId,
      });
      return;
    }
    const problem = requestProblem(req);
    if (problem !== null) {
      this.done(from, req.seq, { ok: false, code: 'invalid', error: problem });
      return;
    }
    if (req.command.op === 'register') {
      this.proposeFor(from, { kind: 'register' }, now);
      return;
    }
    if (req.session === null) return; // ruled out by requestProblem; narrows the type
    const session = this.machine.sessions.get(req.session);
    const cached =
      session !== undefined && req.seq === session.lastSeq && session.lastResponse !== null;
    if (cached && !this.applyRetries) {
      this.done(from, req.seq, session!.lastResponse!); // already applied: answer from the cache
      return;
    }
    if (this.readsFromOwnState && req.command.op === 'get') {
      // Unsafe switch staleReads: answered from this server's state, without asking a
      // majority whether it still leads (a deposed leader answers with old values).
      this.done(from, req.seq, { ok: true, result: this.machine.store.apply(req.command) });
      return;
    }
    if (req.command.op === 'get' && this.requestRead(from, req.seq, req.command, now)) return;
    this.proposeFor(
      from,
      { kind: 'kv', session: req.session, seq: req.seq, command: req.command },
      now,
    );
  }

  /**
   * The step's Ready, and the client replies of the entries it commits. Those entries are
   * applied here, before the host persists the Ready (the worker even persists it later,
   * in the background): applying first is safe because they are committed, so durable on
   * a majority and never undone; the state machine is volatile, rebuilt from the log after
   * a crash; and what applying shows the world (the replies) leaves through the network,
   * which holds every message of a step until the step is durable.
   */
  takeOutput(): ReplicaOutput {
    const ready = this.raft.takeReady();
    for (const entry of ready.committed) this.applyEntry(entry);
    this.serveReads(ready.readStates);
    if (this.raft.role !== 'leader' && this.reads.size > 0) {
      // Not confirmed, so never served: the client asks the new leader.
      for (const [, read] of this.reads) this.notLeader(read.client, read.seq);
      this.reads.clear();
      this.confirmed = [];
    }
    if (this.raft.role !== 'leader' && this.pending.size > 0) {
      // No longer leader: whatever it proposed may or may not commit; the client retries
      // elsewhere with the same sequence number, and the session table keeps it exactly-once.
      for (const [, p] of this.pending) {
        this.reply(p.client, {
          type: 'ClientReply',
          status: 'notLeader',
          seq: -1,
          leaderHint: this.raft.leaderId,
        });
      }
      this.pending.clear();
    }
    const replies = this.replies;
    this.replies = [];
    return { ready, replies };
  }

  /**
   * The values now under the keys that `entries` touch (null: none), so a host that shows
   * the KV contents takes them from here instead of applying the entries a second time.
   */
  valuesTouchedBy(entries: readonly Entry[]): Array<readonly [string, string | null]> {
    const keys = new Set<string>();
    for (const e of entries)
      if (isSessionCommand(e.command) && e.command.kind === 'kv') keys.add(e.command.command.key);
    return [...keys].map((key) => [key, this.machine.store.get(key)] as const);
  }

  /** ReadIndex and leases: a GET goes to the core instead of the log; false in log mode. */
  private requestRead(client: string, seq: number, command: KvCommand, now: number): boolean {
    const id = ++this.readIds;
    if (!this.raft.requestRead(id, now)) return false;
    this.reads.set(id, { client, seq, command });
    return true;
  }

  /** A confirmed read is served once this node has applied up to its index. */
  private serveReads(readStates: readonly ReadState[]): void {
    if (readStates.length > 0) this.confirmed.push(...readStates);
    if (this.confirmed.length === 0) return;
    const lastApplied = this.raft.lastApplied;
    const later: ReadState[] = [];
    for (const rs of this.confirmed) {
      const read = this.reads.get(rs.id);
      if (read === undefined) continue;
      if (rs.index > lastApplied) {
        later.push(rs);
        continue;
      }
      this.reads.delete(rs.id);
      const response: KvResponse = { ok: true, result: this.machine.store.apply(read.command) };
      this.reply(read.client, {
        type: 'ClientReply',
        status: 'done',
        seq: read.seq,
        response,
        servedBy: rs.servedBy,
      });
    }
    this.confirmed = later;
  }

  private notLeader(to: string, seq: number): void {
    this.reply(to, {
      type: 'ClientReply',
      status: 'notLeader',
      seq,
      leaderHint: this.raft.leaderId,
    });
  }

  private applyEntry(entry: Entry): void {
    const applied = this.machine.apply(entry);
    const waiting = this.pending.get(entry.index);
    if (waiting === undefined) return;
    this.pending.delete(entry.index);
    if (waiting.term !== entry.term) {
      this.reply(waiting.client, {
        type: 'ClientReply',
        status: 'notLeader',
        seq: -1,
        leaderHint: this.raft.leaderId,
      });
      return;
    }
    this.answer(waiting.client, applied);
  }

  private answer(client: string, applied: Applied): void {
    if (applied.kind === 'registered') {
      this.reply(client, {
        type: 'ClientReply',
        status: 'registered',
        seq: 0,
        session: applied.session,
      });
    } else if (applied.kind === 'response') {
      this.done(client, applied.seq, applied.response);
    }
  }

  private proposeFor(client: string, command: SessionCommand, now: number): void {
    const proposal = this.raft.propose(command, now);
    if (proposal !== null) this.pending.set(proposal.index, { client, term: proposal.term });
    // A leader handing over takes no proposals: no hint, so the client waits and asks again.
    else
      this.reply(client, {
        type: 'ClientReply',
        status: 'notLeader',
        seq: command.kind === 'kv' ? command.seq : 0,
        leaderHint: null,
      });
  }

  private done(to: string, seq: number, response: KvResponse): void {
    this.reply(to, { type: 'ClientReply', status: 'done', seq, response });
  }

  private reply(to: string, reply: ClientReply): void {
    this.replies.push({ to, reply });
  }
}

/**
 * What is wrong with a request as it came off the network, or null. Requests cross an
 * untrusted wire, so the server checks their framing before reading them: a null command
 * used to throw here (a TypeError out of the simulator's run), and a string seq reached
 * the session table, where `5 === '5'` is false: one command sent with seq '5' and again
 * with seq 5 applied twice.
 */
function requestProblem(req: ClientRequest): string | null {
  const command: unknown = req.command;
  if (typeof command !== 'object' || command === null) return 'a command must be an object';
  if ((command as { op?: unknown }).op === 'register') return null;
  if (req.session === null) return 'a command needs a session: register first';
  if (!Number.isSafeInteger(req.session) || !Number.isSafeInteger(req.seq) || req.seq < 0) {
    return 'a request needs an integer session and an integer sequence number >= 0';
  }
  return commandProblem(command);
}
