/**
 * The simulator's KV clients: each is a network endpoint (its string id) whose requests
 * and replies cross the simulated network, with timers in virtual time. Keeps the
 * history of every call for the linearizability checker.
 */

import { HARNESS_HISTORY_OPS_MAX } from '../defaults';
import {
  type ClientEnvironment,
  type ClientTimer,
  KvClient,
  type KvClientOptions,
} from '../kv/client';
import type { HistoryOp } from '../kv/history';
import type { ClientReply, ClientRequest, ServedBy } from '../kv/types';
import type { NodeId } from '../raft/types';
import type { TraceBody } from './engine';
import type { Endpoint } from './trace';
import type { ClientEndpoint, WireMessage } from './wire';

/** What clients need from the simulator they run in. */
export interface ClientHub {
  readonly now: number;
  readonly size: number;
  sendMessage(from: Endpoint, to: Endpoint, message: WireMessage): void;
  setTimer(client: string, delay: number, timer: object): void;
  attachClient(id: string, endpoint: ClientEndpoint): void;
  note(body: TraceBody): void;
}

export class KvClients {
  private readonly clients: KvClient[] = [];
  private history: HistoryOp[] = [];

  constructor(
    private readonly cluster: ClientHub,
    private readonly historyOpsMax = HARNESS_HISTORY_OPS_MAX,
  ) {}

  create(opts: KvClientOptions = {}): KvClient {
    const id = `c${this.clients.length + 1}`;
    const cluster = this.cluster;
    const env = new HubEnvironment(cluster, this);
    const client = new KvClient(id, env, opts, this.clients.length % cluster.size);
    cluster.attachClient(id, new KvClientEndpoint(client));
    this.clients.push(client);
    return client;
  }

  ids(): string[] {
    return this.clients.map((c) => c.id);
  }

  /** The client with this id; throws a clear error for an unknown one. */
  byId(id: string): KvClient {
    const client = this.clients.find((c) => c.id === id);
    if (client === undefined)
      throw new Error(
        `no KV client ${id}: clients are ${this.clients.map((c) => c.id).join(', ') || 'none yet'}`,
      );
    return client;
  }

  /** Every call so far, as JSON-ready copies. */
  list(): HistoryOp[] {
    return this.history.map((op) => ({
      ...op,
      ...(op.result ? { result: { ...op.result } } : {}),
    }));
  }

  /** For the clients' environment: a call starts. */
  recordCall(op: HistoryOp): void {
    this.history.push(op);
    if (this.history.length > this.historyOpsMax)
      this.history = this.history.slice(-this.historyOpsMax);
    const { client, op: name, key } = op;
    this.cluster.note({
      kind: 'client-call',
      client,
      op: name,
      key,
      ...(op.value === undefined ? {} : { value: op.value }),
      ...(op.expected === undefined ? {} : { expected: op.expected }),
    });
  }

  /** For the clients' environment: a call ends. */
  recordReturn(op: HistoryOp, attempts: number, error?: string, servedBy?: ServedBy): void {
    this.cluster.note({
      kind: 'client-return',
      client: op.client,
      op: op.op,
      key: op.key,
      call: op.call,
      attempts,
      outcome: op.outcome,
      ...(op.result === undefined ? {} : { result: op.result }),
      ...(error === undefined ? {} : { error }),
      ...(servedBy === undefined ? {} : { servedBy }),
    });
  }
}

/*
 * A client's environment and endpoint are objects, not closures, so the state of a
 * cluster with clients can be copied (checkpoints for seeking, see checkpoints.ts).
 */

class HubEnvironment implements ClientEnvironment {
  readonly nodeCount: number;

  constructor(
    private readonly hub: ClientHub,
    private readonly clients: KvClients,
  ) {
    this.nodeCount = hub.size;
  }

  get now(): number {
    return this.hub.now;
  }
  send(from: string, to: NodeId, request: ClientRequest): void {
    this.hub.sendMessage(from, to, request);
  }
  setTimer(client: KvClient, delay: number, timer: ClientTimer): void {
    this.hub.setTimer(client.id, delay, timer);
  }
  recordCall(op: HistoryOp): void {
    this.clients.recordCall(op);
  }
  recordReturn(op: HistoryOp, attempts: number, error?: string, servedBy?: ServedBy): void {
    this.clients.recordReturn(op, attempts, error, servedBy);
  }
}

class KvClientEndpoint implements ClientEndpoint {
  constructor(private readonly client: KvClient) {}

  deliver(message: WireMessage, from: Endpoint): void {
    this.client.onReply(message as ClientReply, from as NodeId);
  }
  onTimer(timer: unknown): void {
    this.client.onTimer(timer as ClientTimer);
  }
}
