/** The public harness contract (issue #2): the types tests, chaos, scenarios and the UI use. */

import type { KvClient, KvClientOptions } from '../kv/client';
import type { HistoryOp } from '../kv/history';
import type { Entry, NodeId, ReadMode, Role } from '../raft/types';
import type { UnsafeSwitch } from '../raft/unsafe';
import type { NetworkOptions } from './network';
import type { Endpoint, TraceEvent } from './trace';

export type { Entry, NodeId, ReadMode, Role } from '../raft/types';
export type { NetworkOptions } from './network';

export interface NodeView {
  id: NodeId;
  alive: boolean;
  role: Role;
  term: number;
  votedFor: NodeId | null;
  commitIndex: number;
  lastApplied: number;
  log: Entry[];
}

export interface ClusterOptions {
  nodes: number;
  seed: number;
  /** Default [150, 300]. */
  electionTimeoutMs?: [number, number];
  /** Default 50. */
  heartbeatMs?: number;
  /** Default: reliable, delayMs [1, 5]. */
  network?: NetworkOptions;
  /** Most entries one AppendEntries carries. Default 64. */
  entriesPerAppendMax?: number;
  /** Most unacknowledged AppendEntries batches to a follower in sync. Default 8. */
  inflightMax?: number;
  /** Most trace events kept (oldest let go first); 0 keeps none. Default 200,000. */
  traceEventsMax?: number;
  /** Check every invariant after every event. Default true. */
  checkInvariants?: boolean;
  /** Rules of Raft to switch off (raft/unsafe.ts), to see the checkers catch it. Default none. */
  unsafe?: readonly UnsafeSwitch[];
  /**
   * PreVote (dissertation §9.6): a node asks whether it could win before it raises its
   * term, so one that rejoins after a partition does not depose a healthy leader. Default false.
   */
  preVote?: boolean;
  /**
   * CheckQuorum (§6.2): a leader that hears from no majority for an election timeout steps
   * down, and a follower that hears from a leader ignores RequestVote. Default false.
   */
  checkQuorum?: boolean;
  /**
   * How a KV GET is served (§6.4): 'log' (as a log entry), 'readIndex' (at the commit index
   * once a majority confirms the leader) or 'lease' (from the leader's lease; needs
   * checkQuorum). Default 'log'.
   */
  readMode?: ReadMode;
  /**
   * How far each node's clock may run fast or slow, as a fraction (each node's rate is set
   * by the seed); leases shrink to stay safe. Default 0.02 with leases, else 0.
   */
  clockDriftMax?: number;
}

export interface MessageView {
  id: number;
  /** Strings are clients. */
  from: NodeId | string;
  to: NodeId | string;
  type: string;
  term: number;
  sentAt: number;
  deliverAt: number;
  /** The message's fields, paper names. */
  payload: Record<string, unknown>;
  /** Waiting in a hold until released. */
  held: boolean;
}

export interface SubmitResult {
  accepted: boolean;
  index?: number;
  term?: number;
}

export interface Cluster {
  readonly now: number;
  readonly size: number;
  /** Advance virtual time by `ms`, processing every event due. */
  run(ms: number): void;
  /** Run until `pred` holds (checked after every event) or `maxMs` pass; true if it held. */
  runUntil(pred: () => boolean, maxMs: number): boolean;
  node(id: NodeId): NodeView;
  /** The alive leader of the highest term among alive leaders. */
  leader(): NodeId | null;
  /** Entries applied by this node's current incarnation, in order. */
  applied(id: NodeId): Entry[];
  submit(id: NodeId, command: unknown): SubmitResult;
  crash(id: NodeId): void;
  restart(id: NodeId): void;
  /** All links of one node. */
  disconnect(id: NodeId): void;
  reconnect(id: NodeId): void;
  partition(...groups: NodeId[][]): void;
  /** Every node reconnected and every link up. */
  heal(): void;
  /** One direction. */
  setLink(from: NodeId, to: NodeId, up: boolean): void;
  setNetwork(opts: NetworkOptions): void;
  /**
   * Leadership transfer (§3.10): `from`, if it leads, stops taking proposals, brings `to`
   * up to date and sends it TimeoutNow. False if `from` is not the leader (or is down).
   */
  transferLeadership(from: NodeId, to: NodeId): boolean;
  /** Its election timeout fires now (nothing for a leader or a crashed node). */
  expireElectionTimer(id: NodeId): void;
  inFlight(): MessageView[];
  /** Matching messages wait, when due, until released. */
  hold(pred: (m: MessageView) => boolean): void;
  /** Deliver held messages matching `pred`; with no argument, also end every hold. */
  release(pred?: (m: MessageView) => boolean): void;
  dropMessage(id: number): void;
  /** Broken invariants so far, each a readable sentence. */
  violations(): string[];
  trace(): TraceEvent[];
  /** A new KV client whose requests cross the simulated network (issue #3). */
  kvClient(opts?: KvClientOptions): KvClient;
  /** That node's applied KV contents. */
  kvState(id: NodeId): Record<string, string>;
  /** Every client call so far. */
  kvHistory(): HistoryOp[];
}

export type { KvClient, KvClientOptions } from '../kv/client';
export type { HistoryOp } from '../kv/history';
export type { KvOp, KvOutcome } from '../kv/op';
export type { KvResult } from '../kv/types';
export type { Endpoint, TraceEvent };
