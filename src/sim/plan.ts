/**
 * What one popped event does: maybe a host step (as data, run by the harness), then its
 * effects, applied in queue order. Every delivery names the sender's step it carries a
 * message of: one durability gate, the same for node and client receivers.
 */
import type { ClientRequest } from '../kv/types';
import type { NodeId, RaftMessage } from '../raft/types';
import type { Flight, Flights } from './flights';
import type { HostState, HostStep, StepCall } from './host';
import type { TraceBody } from './recorder';
import type { DropReason, Endpoint } from './trace';
import type { ClientEndpoint } from './wire';

/** What planning reads and does of the engine core (EngineCore is one). */
export interface PlanCore {
  readonly hosts: readonly HostState[];
  readonly flights: Flights;
  readonly clients: ReadonlyMap<string, ClientEndpoint>;
  timerDeadline(id: NodeId): number;
  clearTimer(id: NodeId): void;
  scheduleTimer(id: NodeId, deadline: number): void;
  passes(from: Endpoint, to: Endpoint): boolean;
  record(body: TraceBody): void;
  recordDeliver(flight: Flight): void;
  recordDrop(flight: Flight, reason: DropReason): void;
  stepped(id: NodeId, step: HostStep): void;
}

export type QueueItem =
  | { readonly kind: 'deliver'; readonly flight: Flight }
  | { readonly kind: 'timer'; readonly node: NodeId; readonly incarnation: number }
  | { readonly kind: 'task'; readonly run: () => void }
  /** A task as data (a KV client's timer): the same as a task, but copyable. */
  | { readonly kind: 'wake'; readonly client: string; readonly timer: object };

/** The step of a node whose messages an event delivers. */
export interface Origin {
  readonly node: NodeId;
  readonly seq: number;
  readonly incarnation: number;
}

export interface Plan {
  readonly time: number;
  /** Counts as an event (a stale timer does not). */
  readonly acted: boolean;
  /** The node whose host it steps or whose timer it reads; null for none. */
  readonly node: NodeId | null;
  /** The host step to run at `node` before `finish`. */
  readonly call?: StepCall;
  /**
   * The event may begin only once this step is durable: a message leaves only what its
   * sender has on disk. Synchronous hosts are durable when a step returns; asynchronous
   * ones are waited for in wall time, never in virtual time.
   */
  readonly origin?: Origin | undefined;
  readonly finish: (step: HostStep | null) => void;
}

export function planEvent(core: PlanCore, item: QueueItem, time: number): Plan {
  switch (item.kind) {
    case 'deliver':
      return planDelivery(core, item.flight, time);
    case 'timer':
      return planTimer(core, item.node, item.incarnation, time);
    case 'task':
      return { time, acted: true, node: null, finish: () => item.run() };
    case 'wake':
      return {
        time,
        acted: true,
        node: null,
        finish: () => core.clients.get(item.client)?.onTimer?.(item.timer),
      };
  }
}

function planTimer(core: PlanCore, id: NodeId, incarnation: number, time: number): Plan {
  const host = core.hosts[id]!;
  if (core.timerDeadline(id) !== time || host.incarnation !== incarnation || !host.alive)
    return { time, acted: false, node: null, finish: () => {} };
  const deadline = host.nextDeadline();
  if (deadline > time) {
    // The deadline moved later since this timer was queued: wait for the new one.
    return {
      time,
      acted: false,
      node: id,
      finish: () => {
        core.clearTimer(id);
        core.scheduleTimer(id, deadline);
      },
    };
  }
  const timer = host.role === 'leader' ? 'heartbeat' : 'election';
  return {
    time,
    acted: true,
    node: id,
    call: { kind: 'input', input: { kind: 'tick' } },
    finish: (step) => {
      core.clearTimer(id);
      core.record({ kind: 'timeout', node: id, timer });
      core.stepped(id, step!);
    },
  };
}

function eventPlan(time: number, finish: () => void): Plan {
  return { time, acted: true, node: null, finish };
}

function dropPlan(core: PlanCore, flight: Flight, reason: DropReason, time: number): Plan {
  return eventPlan(time, () => core.recordDrop(flight, reason));
}

function planDelivery(core: PlanCore, flight: Flight, time: number): Plan {
  if (core.flights.get(flight.id) !== flight)
    return { time, acted: false, node: null, finish: () => {} };
  // Module-level helpers, not closures made per delivery: this is the simulator's hot path.
  if (core.flights.mustHold(flight)) {
    flight.held = true;
    return eventPlan(time, () => core.record({ kind: 'hold', id: flight.id }));
  }
  core.flights.remove(flight.id);
  if (!core.passes(flight.from, flight.to)) return dropPlan(core, flight, 'link-down', time);
  const from = flight.from;
  const origin: Origin | undefined =
    typeof from === 'number'
      ? { node: from, seq: flight.originSeq, incarnation: flight.originIncarnation }
      : undefined;
  const to = flight.to;
  if (typeof to === 'string') {
    const client = core.clients.get(to);
    if (client === undefined) return dropPlan(core, flight, 'receiver-crashed', time);
    return {
      time,
      acted: true,
      node: null,
      origin,
      finish: () => {
        core.recordDeliver(flight);
        client.deliver(flight.message, from);
      },
    };
  }
  // A client may only send requests: anything else would reach the Raft core.
  if (typeof from === 'string' && flight.type !== 'ClientRequest')
    return dropPlan(core, flight, 'malformed', time);
  if (!core.hosts[to]!.alive) return dropPlan(core, flight, 'receiver-crashed', time);
  const call: StepCall =
    flight.type === 'ClientRequest'
      ? { kind: 'client', from: String(from), request: flight.message as ClientRequest }
      : { kind: 'input', input: { kind: 'message', message: flight.message as RaftMessage } };
  return {
    time,
    acted: true,
    node: to,
    call,
    origin,
    finish: (step) => {
      core.recordDeliver(flight);
      core.stepped(to, step!);
    },
  };
}
