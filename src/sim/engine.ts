/**
 * The deterministic event core: a virtual clock, one event queue, one seed, the network
 * model, the messages in flight and the trace. It reads node hosts (alive, role, next
 * deadline) but never calls them: it plans what an event does (`popNext`: maybe a host
 * step, described as data), and the harness that wraps it runs that step on its own kind
 * of host, synchronously (SimCluster) or not (LiveCluster), then hands the result back
 * (`finish`). Interventions that touch a node come in the same two halves (node-ops.ts).
 * So the same options and interventions give the same trace whichever harness drives it.
 */
import type { NodeId } from '../raft/types';
import { deriveSeed, Rng } from '../util/rng';
import { roundTime } from '../util/time';
import { EventQueue } from './event-queue';
import { type Flight, Flights, type HoldPredicate } from './flights';
import type { HostState, HostStep } from './host';
import {
  DEFAULT_NETWORK,
  Network,
  type NetworkOptions,
  type NetworkView,
  networkSettings,
} from './network';
import type { ResolvedOptions } from './options';
import { type Plan, planEvent, type QueueItem } from './plan';
import { Recorder, type TraceBody } from './recorder';
import type { DropReason, Endpoint, TraceEvent } from './trace';
import type { MessageView, NodeView } from './types';
import type { ClientEndpoint, ClientHandler, WireMessage } from './wire';

export type { Origin, Plan } from './plan';
export type { TraceBody } from './recorder';

export type { ClientHandler, WireMessage } from './wire';

/** Client tasks are never scheduled sooner than this after their cause (see lookahead). */
export const SCHEDULE_DELAY_MIN = 1;

export class EngineCore {
  readonly options: ResolvedOptions;
  private clock = 0;
  private readonly queue = new EventQueue<QueueItem>();
  private readonly network: Network;
  private readonly networkRng: Rng;
  readonly flights = new Flights();
  private readonly timerAt: number[];
  private readonly recorder: Recorder;
  readonly clients = new Map<string, ClientEndpoint>();
  private nextMessageId = 1;
  private eventCount = 0;
  private popCount = 0;

  /**
   * `startTime`: the virtual time the run begins at (0 for a new run; a run resumed after
   * a page reload continues from the time its record was kept at).
   */
  constructor(
    options: ResolvedOptions,
    readonly hosts: readonly HostState[],
    network: NetworkOptions = {},
    startTime = 0,
  ) {
    if (!(startTime >= 0) || !Number.isFinite(startTime))
      throw new Error(`a start time must be a finite number >= 0, got ${startTime}`);
    this.options = options;
    this.clock = roundTime(startTime);
    this.network = new Network(hosts.length, networkSettings(network, DEFAULT_NETWORK));
    this.networkRng = new Rng(deriveSeed(options.seed, 'network'));
    this.timerAt = hosts.map(() => Infinity);
    this.recorder = new Recorder(options.traceEventsMax, options.checkInvariants, hosts.length);
  }

  get now(): number {
    return this.clock;
  }
  get size(): number {
    return this.hosts.length;
  }
  /** Events processed so far (deliveries, timer firings, holds, tasks). */
  get events(): number {
    return this.eventCount;
  }
  /** Queue items popped so far, stale timers included: the exact position in a run. */
  get pops(): number {
    return this.popCount;
  }
  /** Holds read arbitrary state: with one active, events run one at a time. */
  get holding(): boolean {
    return this.flights.holding;
  }

  /** Time of the next queued event (Infinity when none). */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** The node of the next event if it is a timer (its decision reads the node). */
  nextTimerNode(): NodeId | null {
    const item = this.queue.peekItem();
    return item?.kind === 'timer' ? item.node : null;
  }

  /** Moves the clock forward to `t` (the end of a run, or a replayed intervention's time). */
  moveClockTo(t: number): void {
    if (t > this.clock) this.clock = t;
  }

  /** Runs `run` at virtual time now + delay, as an event of its own. */
  schedule(delay: number, run: () => void): void {
    checkTaskDelay(delay);
    this.queue.push(roundTime(this.clock + delay), { kind: 'task', run });
  }

  /**
   * Calls the client's `onTimer(timer)` at now + delay: a task as data (KV client timers).
   * The timer is a value: frozen, it and its queue item are shared by checkpoints.
   */
  setTimer(client: string, delay: number, timer: object): void {
    checkTaskDelay(delay);
    const item = { kind: 'wake', client, timer: Object.freeze(timer) } as const;
    this.queue.push(roundTime(this.clock + delay), Object.freeze(item));
  }

  // ---- views ----

  node(id: NodeId): NodeView {
    return this.host(id).view();
  }

  leader(): NodeId | null {
    let best: NodeId | null = null;
    let bestTerm = -1;
    for (const host of this.hosts) {
      if (host.alive && host.role === 'leader' && host.term > bestTerm) {
        best = host.id;
        bestTerm = host.term;
      }
    }
    return best;
  }

  networkView(): NetworkView {
    return this.network.view();
  }
  inFlight(): MessageView[] {
    return this.flights.views();
  }
  violations(): string[] {
    return this.recorder.violations();
  }
  get violationCount(): number {
    return this.recorder.violationCount;
  }
  trace(): TraceEvent[] {
    return this.recorder.trace();
  }
  onEvent(listener: (e: TraceEvent) => void): () => void {
    return this.recorder.onEvent(listener);
  }

  /** The host of node `id`; a clear error for an id that names no node. */
  host(id: NodeId): HostState {
    const host = Number.isInteger(id) ? this.hosts[id] : undefined;
    if (host === undefined) {
      throw new Error(`no node ${String(id)}: node ids are 0 .. ${this.hosts.length - 1}`);
    }
    return host;
  }

  // ---- events: planned here, host steps run by the harness, finished here ----

  /** Pops the next event and decides what it does (the clock moves at `finish`); null if none. */
  popNext(): Plan | null {
    const next = this.queue.pop();
    if (next === undefined) return null;
    this.popCount++;
    return planEvent(this, next.item, next.time);
  }

  /** Applies a planned event's effects (after its host step, if any); whether it acted. */
  finish(plan: Plan, step: HostStep | null): boolean {
    this.clock = plan.time;
    plan.finish(step);
    if (plan.acted) this.eventCount++;
    return plan.acted;
  }

  /** The shortest delay after which anything an event causes can happen. */
  lookahead(): number {
    const o = this.options;
    return Math.min(
      this.network.settings.delayMs[0],
      o.heartbeatMs,
      o.electionTimeoutMs[0],
      SCHEDULE_DELAY_MIN,
    );
  }

  /** After a host step: trace it, send its messages, reschedule its timer. */
  stepped(id: NodeId, step: HostStep): void {
    const ready = step.ready;
    if (this.recorder.tracing) this.recorder.recordStep(this.clock, id, ready);
    for (const m of ready.messages) this.send(id, m.to, m, step.seq);
    for (const r of step.replies) this.send(id, r.to, r.reply, step.seq);
    if (this.recorder.tracing && ready.committed.length > 0) {
      this.record({ kind: 'apply', node: id, entries: ready.committed });
    }
    this.scheduleTimer(id, step.nextDeadline);
  }

  // ---- interventions on the network (never touch a node) ----

  disconnect(id: NodeId): void {
    this.host(id);
    this.traceIntervention('disconnect', [id]);
    this.network.setConnected(id, false);
  }

  reconnect(id: NodeId): void {
    this.host(id);
    this.traceIntervention('reconnect', [id]);
    this.network.setConnected(id, true);
  }

  partition(...groups: NodeId[][]): void {
    for (const group of groups) for (const id of group) this.host(id);
    this.traceIntervention('partition', groups);
    this.network.partition(groups);
  }

  heal(): void {
    this.traceIntervention('heal', []);
    this.network.heal();
  }

  setLink(from: NodeId, to: NodeId, up: boolean): void {
    this.host(from);
    this.host(to);
    this.traceIntervention('setLink', [from, to, up]);
    this.network.setLink(from, to, up);
  }

  setNetwork(opts: NetworkOptions): void {
    const settings = networkSettings(opts, this.network.settings);
    this.traceIntervention('setNetwork', [opts]);
    this.network.settings = settings;
  }

  hold(pred: HoldPredicate): void {
    this.traceIntervention('hold', []);
    this.flights.hold(pred);
  }

  release(pred?: HoldPredicate): void {
    this.traceIntervention('release', []);
    for (const flight of this.flights.release(pred)) {
      this.record({ kind: 'release', id: flight.id });
      this.queue.push(Math.max(this.clock, flight.deliverAt), { kind: 'deliver', flight });
    }
  }

  dropMessage(id: number): void {
    this.traceIntervention('dropMessage', [id]);
    const flight = this.flights.get(id);
    if (flight === undefined) return;
    this.flights.remove(id);
    this.recordDrop(flight, 'user');
  }

  // ---- clients (string endpoints) ----

  /** Registers a client endpoint; messages to it are handed to `handler`. */
  attachClient(id: string, handler: ClientHandler | ClientEndpoint): void {
    if (this.clients.has(id)) throw new Error(`client ${id} is already attached`);
    this.clients.set(id, typeof handler === 'function' ? { deliver: handler } : handler);
  }

  /** Sends a message from a client or node endpoint over the simulated network. */
  sendMessage(from: Endpoint, to: Endpoint, message: WireMessage): void {
    this.send(from, to, message, 0);
  }

  /** Records a trace event on behalf of a part of the harness (the KV clients). */
  note(body: TraceBody): void {
    this.record(body);
  }

  // ---- the network and the trace ----

  /** Timers are queued lazily: only a deadline earlier than the queued one is pushed. */
  scheduleTimer(id: NodeId, deadline: number): void {
    if (deadline >= this.timerAt[id]!) return;
    this.timerAt[id] = deadline;
    const incarnation = this.hosts[id]!.incarnation;
    this.queue.push(deadline, Object.freeze({ kind: 'timer', node: id, incarnation }));
  }

  /** The deadline of node `id`'s queued timer (Infinity: none); `clearTimer` forgets it. */
  timerDeadline(id: NodeId): number {
    return this.timerAt[id]!;
  }
  clearTimer(id: NodeId): void {
    this.timerAt[id] = Infinity;
  }

  passes(from: Endpoint, to: Endpoint): boolean {
    return this.network.passes(from, to);
  }

  private send(from: Endpoint, to: Endpoint, message: WireMessage, originSeq: number): void {
    const id = this.nextMessageId++;
    const type = message.type;
    const term = message.term ?? 0;
    const fate = this.network.passes(from, to) ? this.network.fate(this.networkRng) : null;
    if (fate === null || fate.lost) {
      this.record({ kind: 'send', id, from, to, type, term, deliverAt: null, message });
      const reason = fate === null ? 'link-down' : 'loss';
      this.record({ kind: 'drop', id, from, to, type, reason });
      return;
    }
    fate.delays.forEach((delay, copy) => {
      const flightId = copy === 0 ? id : this.nextMessageId++;
      const deliverAt = roundTime(this.clock + delay);
      const flight: Flight = {
        id: flightId,
        from,
        to,
        type,
        term,
        message,
        sentAt: this.clock,
        deliverAt,
        originSeq,
        originIncarnation: typeof from === 'number' ? this.hosts[from]!.incarnation : 0,
        held: false,
        released: false,
      };
      this.flights.add(flight);
      this.queue.push(deliverAt, { kind: 'deliver', flight });
      const duplicate = copy === 0 ? {} : { duplicateOf: id };
      this.record({
        kind: 'send',
        id: flightId,
        from,
        to,
        type,
        term,
        deliverAt,
        message,
        ...duplicate,
      });
    });
  }

  record(body: TraceBody): void {
    this.recorder.record(this.clock, body);
  }

  recordDeliver(f: Flight): void {
    this.record({ kind: 'deliver', id: f.id, from: f.from, to: f.to, type: f.type });
  }

  recordDrop(f: Flight, reason: DropReason): void {
    this.record({ kind: 'drop', id: f.id, from: f.from, to: f.to, type: f.type, reason });
  }

  traceIntervention(action: string, args: readonly unknown[]): void {
    this.record({ kind: 'intervention', action, args });
  }
}

export function checkDuration(ms: number): void {
  if (!(ms >= 0) || !Number.isFinite(ms))
    throw new Error(`a duration must be a finite number >= 0, got ${ms}`);
}

function checkTaskDelay(delay: number): void {
  if (!(delay >= SCHEDULE_DELAY_MIN)) {
    throw new Error(
      `a task must be scheduled at least ${SCHEDULE_DELAY_MIN} ms ahead, got ${delay}`,
    );
  }
}
