/**
 * What the scheduler needs from a node host. The in-process host answers at once; a
 * worker host answers with promises. The scheduler processes one event at a time either
 * way, so both give the same trace.
 */
import type { OutgoingReply } from '../kv/replica';
import type { ClientRequest } from '../kv/types';
import type { NodeStatus } from '../raft/node';
import type { Entry, Input, NodeId, Ready, Role } from '../raft/types';
import type { NodeView } from './types';

export type MaybePromise<T> = T | Promise<T>;

export interface HostStep {
  readonly ready: Ready;
  /** Answers to clients, sent after `ready.messages`. */
  readonly replies: readonly OutgoingReply[];
  readonly nextDeadline: number;
  /** Numbers the host's steps; messages of a step wait until `whenDurable(seq)`. */
  readonly seq: number;
}

export interface ProposeStep {
  readonly proposal: { index: number; term: number } | null;
  readonly step: HostStep;
}

/** Several proposals in one step (one Ready, one write): what a client library batches. */
export interface ProposeManyStep {
  readonly proposals: ReadonlyArray<{ index: number; term: number } | null>;
  readonly step: HostStep;
}

export interface BootInfo {
  readonly incarnation: number;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly logLength: number;
  /** The durable log it started from (only traced on a node's first boot of a run). */
  readonly log: readonly Entry[];
}

export interface NodeHost {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly incarnation: number;
  /** Role and term of the live node (follower / 0 when crashed), for cheap leader lookups. */
  readonly role: Role;
  readonly term: number;
  boot(now: number): MaybePromise<BootInfo>;
  /** Volatile state is lost; what was durable stays. */
  crash(): MaybePromise<void>;
  step(input: Input, now: number): MaybePromise<HostStep>;
  clientRequest(from: string, request: ClientRequest, now: number): MaybePromise<HostStep>;
  propose(command: unknown, now: number): MaybePromise<ProposeStep>;
  proposeMany(commands: readonly unknown[], now: number): MaybePromise<ProposeManyStep>;
  /**
   * Resolves once step `seq` of incarnation `incarnation` is durable; undefined when it
   * already is (a crash makes every step of the ending incarnation durable first).
   */
  whenDurable(seq: number, incarnation: number): Promise<void> | undefined;
  nextDeadline(): number;
  view(): NodeView;
  /** null when crashed. */
  status(): NodeStatus | null;
  kvState(): Record<string, string>;
  applied(): Entry[];
}

// Named andThen, not then: a module exporting `then` is a thenable when imported dynamically.
export function isPromise<T>(x: MaybePromise<T>): x is Promise<T> {
  return x instanceof Promise;
}

/** Continues with `f` now, or once the promise settles. */
export function andThen<T, U>(
  x: MaybePromise<T>,
  f: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  return isPromise(x) ? x.then(f) : f(x);
}

/** For the synchronous harness: a host that answers asynchronously is a programming error. */
export function sync<T>(x: MaybePromise<T>): T {
  if (isPromise(x))
    throw new Error('a node host answered asynchronously: drive it with the async cluster');
  return x;
}
