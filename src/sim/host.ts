/**
 * What the engine needs from a node host, in two kinds: a synchronous host (in process)
 * answers every call with its effects done and durable; an asynchronous host (a Web
 * Worker) answers with promises and persists in the background. Both answer reads at
 * once. The difference is in these types: a harness takes the kind it can drive.
 */
import type { OutgoingReply } from '../kv/replica';
import type { ClientRequest } from '../kv/types';
import type { NodeStatus } from '../raft/node';
import type { Entry, Input, NodeId, Ready, Role } from '../raft/types';
import type { NodeView } from './types';

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

/** A host step the engine asks for: a Raft input, or a client's request. */
export type StepCall =
  | { readonly kind: 'input'; readonly input: Input }
  | { readonly kind: 'client'; readonly from: string; readonly request: ClientRequest };

/** What the engine reads of a node; every host answers at once. */
export interface HostState {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly incarnation: number;
  /** Role and term of the live node (follower / 0 when crashed), for cheap leader lookups. */
  readonly role: Role;
  readonly term: number;
  nextDeadline(): number;
  view(): NodeView;
  /** null when crashed. */
  status(): NodeStatus | null;
  kvState(): Record<string, string>;
  applied(): Entry[];
}

/** A host whose calls return when their effects are done and durable. */
export interface SyncHost extends HostState {
  boot(now: number): BootInfo;
  /** Volatile state is lost; what was durable stays. */
  crash(): void;
  step(input: Input, now: number): HostStep;
  clientRequest(from: string, request: ClientRequest, now: number): HostStep;
  propose(command: unknown, now: number): ProposeStep;
  proposeMany(commands: readonly unknown[], now: number): ProposeManyStep;
}

/** A host that answers with promises and makes its steps durable later. */
export interface AsyncHost extends HostState {
  boot(now: number): Promise<BootInfo>;
  /** Waits for pending writes, then loses volatile state; what was durable stays. */
  crash(): Promise<void>;
  step(input: Input, now: number): Promise<HostStep>;
  clientRequest(from: string, request: ClientRequest, now: number): Promise<HostStep>;
  propose(command: unknown, now: number): Promise<ProposeStep>;
  proposeMany(commands: readonly unknown[], now: number): Promise<ProposeManyStep>;
  /**
   * Resolves once step `seq` of incarnation `incarnation` is durable; undefined when it
   * already is (a crash makes every step of the ending incarnation durable first).
   */
  whenDurable(seq: number, incarnation: number): Promise<void> | undefined;
}

/** Runs a step call on either kind of host; the result is that host's kind of answer. */
export function runStep<R>(
  host: {
    step(input: Input, now: number): R;
    clientRequest(from: string, request: ClientRequest, now: number): R;
  },
  call: StepCall,
  now: number,
): R {
  return call.kind === 'input'
    ? host.step(call.input, now)
    : host.clientRequest(call.from, call.request, now);
}

/** A synchronous host driven as an asynchronous one (benchmarks of the live cluster). */
export function answeringLater(host: SyncHost): AsyncHost {
  return {
    get id() {
      return host.id;
    },
    get alive() {
      return host.alive;
    },
    get incarnation() {
      return host.incarnation;
    },
    get role() {
      return host.role;
    },
    get term() {
      return host.term;
    },
    nextDeadline: () => host.nextDeadline(),
    view: () => host.view(),
    status: () => host.status(),
    kvState: () => host.kvState(),
    applied: () => host.applied(),
    boot: async (now) => host.boot(now),
    crash: async () => host.crash(),
    step: async (input, now) => host.step(input, now),
    clientRequest: async (from, request, now) => host.clientRequest(from, request, now),
    propose: async (command, now) => host.propose(command, now),
    proposeMany: async (commands, now) => host.proposeMany(commands, now),
    whenDurable: () => undefined,
  };
}
