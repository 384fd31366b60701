/**
 * The KV client: finds the leader (hint in NotLeader replies, else the next server),
 * retries with the same (session, seq), times out in virtual time, records the history.
 * One outstanding operation per client; later calls queue behind it.
 */

import type { NodeId } from '../raft/types';
import type { HistoryOp } from './history';
import { commandProblem } from './limits';
import { type KvOp, KvOpHandle, type KvOutcome } from './op';
import type { ClientReply, ClientRequest, KvCommand, KvResult, ServedBy } from './types';

/** What a client needs from the world it runs in (the simulator, or the browser runtime). */
export interface ClientEnvironment {
  readonly now: number;
  readonly nodeCount: number;
  send(from: string, to: NodeId, request: ClientRequest): void;
  /** Calls `client.onTimer(timer)` after `delay` virtual ms (timers are data, not closures). */
  setTimer(client: KvClient, delay: number, timer: ClientTimer): void;
  /** A call starts (`op.ret` null) and later ends (the same object, settled). */
  recordCall(op: HistoryOp): void;
  /** `attempts`: requests sent for the call (retries included). */
  recordReturn(op: HistoryOp, attempts: number, error?: string, servedBy?: ServedBy): void;
}

export interface KvClientOptions {
  /** Virtual ms to wait for one attempt's reply before trying the next server. Default 200. */
  attemptTimeoutMs?: number;
  /** Virtual ms after which a call ends with outcome `unknown`. Default 4000. */
  deadlineMs?: number;
  /**
   * Every try goes to this node and no other (a client on one side of a partition): it
   * follows no leader hint and tries no other server.
   */
  pinnedTo?: NodeId;
}

interface Current {
  /** This client's calls are numbered: a timer names the call it is for by number. */
  readonly call: number;
  readonly command: KvCommand;
  readonly handle: KvOpHandle;
  readonly record: HistoryOp;
  /** Assigned when the command is first sent (after registering). */
  seq: number | null;
  sent: boolean;
}

interface Queued {
  readonly command: KvCommand;
  readonly handle: KvOpHandle;
}

/**
 * A pending timer of a client, as data so a cluster's state can be copied (checkpoints):
 * the call's deadline, an attempt's reply timeout, or a retry after a leaderless reply.
 */
export type ClientTimer =
  | { readonly kind: 'deadline'; readonly call: number }
  | { readonly kind: 'attemptTimeout'; readonly generation: number; readonly call: number | null }
  | { readonly kind: 'retry'; readonly generation: number; readonly call: number | null };

/** Pause before retrying when a server knows no leader (an election is on). */
const NO_LEADER_BACKOFF = 20;

export class KvClient {
  private session: number | null = null;
  private lastSeq = 0;
  private server: NodeId;
  /**
   * Servers that let an attempt time out during the current call. A hint pointing at one
   * of them is not followed: a deposed leader cut off in a minority still believes it
   * leads, and its followers there keep pointing back at it, so following their hints
   * after a timeout sent the client round old leader -> its follower -> old leader for
   * ever while a majority leader was up. Rotating instead reaches the majority.
   */
  private readonly unanswered = new Set<NodeId>();
  private current: Current | null = null;
  private readonly queue: Queued[] = [];
  /** Bumped to cancel the timers of earlier attempts. */
  private generation = 0;
  /** Calls started so far (numbers the current call). */
  private calls = 0;
  private readonly attemptTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly pinnedTo: NodeId | null;

  constructor(
    readonly id: string,
    private readonly env: ClientEnvironment,
    opts: KvClientOptions = {},
    firstServer: NodeId = 0,
  ) {
    this.attemptTimeoutMs = positive('attemptTimeoutMs', opts.attemptTimeoutMs ?? 200);
    this.deadlineMs = positive('deadlineMs', opts.deadlineMs ?? 4000);
    this.pinnedTo = opts.pinnedTo ?? null;
    if (
      this.pinnedTo !== null &&
      !(Number.isInteger(this.pinnedTo) && this.pinnedTo >= 0 && this.pinnedTo < env.nodeCount)
    )
      throw new Error(
        `pinnedTo must be a node id from 0 to ${env.nodeCount - 1}, got ${String(this.pinnedTo)}`,
      );
    this.server = this.pinnedTo ?? firstServer % env.nodeCount;
  }

  get(key: string): KvOp {
    return this.call({ op: 'get', key });
  }
  set(key: string, value: string): KvOp {
    return this.call({ op: 'set', key, value });
  }
  cas(key: string, expected: string | null, value: string): KvOp {
    return this.call({ op: 'cas', key, expected, value });
  }
  append(key: string, suffix: string): KvOp {
    return this.call({ op: 'append', key, value: suffix });
  }
  del(key: string): KvOp {
    return this.call({ op: 'del', key });
  }

  /** Any command; bad input settles at once with outcome `fail` and a clear error. */
  call(command: KvCommand): KvOp {
    const handle = new KvOpHandle();
    const problem = commandProblem(command);
    if (problem !== null) {
      const record = this.historyRecord(command);
      this.env.recordCall(record);
      this.finish(record, handle, 'fail', undefined, problem);
      return handle;
    }
    this.queue.push({ command, handle });
    if (this.current === null) this.startNext();
    return handle;
  }

  /** A reply from a server arrived over the network. */
  onReply(reply: ClientReply, from: NodeId): void {
    const cur = this.current;
    if (cur === null) return;
    switch (reply.status) {
      case 'registered':
        if (this.session === null) {
          this.session = reply.session;
          this.attempt();
        }
        return;
      case 'notLeader': {
        const hint = reply.leaderHint;
        if (this.pinnedTo !== null) {
          this.retryAfter(NO_LEADER_BACKOFF); // the same node again: it may lead by then
          return;
        }
        this.server =
          hint !== null && hint !== from && !this.unanswered.has(hint)
            ? hint
            : this.nextServer(from);
        if (hint !== null) this.attempt();
        else this.retryAfter(NO_LEADER_BACKOFF);
        return;
      }
      case 'done': {
        if (reply.seq !== cur.seq) return;
        const r = reply.response;
        if (r.ok) this.settle('ok', r.result, undefined, reply.servedBy);
        else if (r.code === 'expired') {
          this.session = null;
          this.settle('unknown', undefined, r.error);
        } else this.settle(r.code === 'invalid' ? 'fail' : 'unknown', undefined, r.error);
        return;
      }
    }
  }

  private startNext(): void {
    const next = this.queue.shift();
    if (next === undefined) return;
    const record = this.historyRecord(next.command);
    this.env.recordCall(record);
    const call = ++this.calls;
    this.current = { ...next, call, record, seq: null, sent: false };
    this.env.setTimer(this, this.deadlineMs, { kind: 'deadline', call });
    this.attempt();
  }

  /** A timer set through the environment fired. */
  onTimer(timer: ClientTimer): void {
    const cur = this.current;
    switch (timer.kind) {
      case 'deadline':
        if (cur === null || cur.call !== timer.call) return;
        // Never sent: it cannot have applied. Sent: it may have.
        if (cur.sent) this.settle('unknown', undefined, 'no reply before the deadline');
        else this.settle('fail', undefined, 'no session could be registered before the deadline');
        return;
      case 'attemptTimeout':
        if (this.generation !== timer.generation || (cur?.call ?? null) !== timer.call) return;
        this.unanswered.add(this.server);
        this.server = this.nextServer(this.server);
        this.attempt();
        return;
      case 'retry':
        if (this.generation === timer.generation && (cur?.call ?? null) === timer.call)
          this.attempt();
        return;
    }
  }

  private attempt(): void {
    const cur = this.current;
    if (cur === null) return;
    let request: ClientRequest;
    if (this.session === null) {
      request = { type: 'ClientRequest', session: null, seq: 0, command: { op: 'register' } };
    } else {
      if (cur.seq === null) cur.seq = ++this.lastSeq;
      cur.sent = true;
      cur.handle.attempts++;
      request = {
        type: 'ClientRequest',
        session: this.session,
        seq: cur.seq,
        command: cur.command,
      };
    }
    this.env.send(this.id, this.server, request);
    const generation = ++this.generation;
    this.env.setTimer(this, this.attemptTimeoutMs, {
      kind: 'attemptTimeout',
      generation,
      call: cur.call,
    });
  }

  private retryAfter(delay: number): void {
    const cur = this.current;
    const generation = ++this.generation;
    this.env.setTimer(this, delay, { kind: 'retry', generation, call: cur?.call ?? null });
  }

  private settle(outcome: KvOutcome, result?: KvResult, error?: string, servedBy?: ServedBy): void {
    const cur = this.current;
    if (cur === null) return;
    this.current = null;
    this.generation++;
    this.unanswered.clear();
    this.finish(cur.record, cur.handle, outcome, result, error, servedBy);
    this.startNext();
  }

  private finish(
    record: HistoryOp,
    handle: KvOpHandle,
    outcome: KvOutcome,
    result?: KvResult,
    error?: string,
    servedBy?: ServedBy,
  ): void {
    record.outcome = outcome;
    record.ret = outcome === 'unknown' ? null : this.env.now;
    if (result !== undefined && outcome === 'ok') record.result = result;
    // Settled for good: frozen, so copies of a cluster's state (checkpoints) share it.
    Object.freeze(record);
    this.env.recordReturn(record, handle.attempts, error, servedBy);
    handle.settle(outcome, result, error, servedBy);
  }

  private nextServer(after: NodeId): NodeId {
    return this.pinnedTo ?? (after + 1) % this.env.nodeCount;
  }

  private historyRecord(c: KvCommand): HistoryOp {
    const record: HistoryOp = {
      client: this.id,
      op: c.op,
      key: String(c.key ?? ''),
      call: this.env.now,
      ret: null,
      outcome: 'unknown',
    };
    if (c.op === 'set' || c.op === 'append' || c.op === 'cas') record.value = c.value;
    if (c.op === 'cas') record.expected = c.expected;
    return record;
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new Error(`${name} must be a number > 0, got ${value}`);
  return value;
}
