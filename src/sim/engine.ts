/**
 * The deterministic discrete-event scheduler: a virtual clock, one event queue, one seed,
 * a network model, crash semantics, interventions and the trace. It drives node hosts
 * through one interface, so the same run can use in-process nodes or Web Workers: the
 * same options and the same interventions always give the same trace.
 *
 * Operations that touch a host return MaybePromise: synchronous hosts never make them
 * asynchronous. Callers driving asynchronous hosts must run one operation at a time.
 */
import type { ClientRequest } from '../kv/types';
import type { Input, NodeId, RaftMessage } from '../raft/types';
import { deriveSeed, Rng } from '../util/rng';
import { roundTime } from '../util/time';
import { EventQueue } from './event-queue';
import { type Flight, Flights, type HoldPredicate } from './flights';
import {
  andThen,
  type HostStep,
  isPromise,
  type MaybePromise,
  type NodeHost,
  type ProposeStep,
} from './host';
import {
  DEFAULT_NETWORK,
  Network,
  type NetworkOptions,
  type NetworkView,
  networkSettings,
} from './network';
import type { ResolvedOptions } from './options';
import { runWindow, type WindowSource } from './pipeline';
import { Recorder, type TraceBody } from './recorder';
import type { DropReason, Endpoint, TraceEvent } from './trace';
import type { MessageView, NodeView, SubmitResult } from './types';

type QueueItem =
  | { readonly kind: 'deliver'; readonly flight: Flight }
  | { readonly kind: 'timer'; readonly node: NodeId; readonly incarnation: number }
  | { readonly kind: 'task'; readonly run: () => void };

export type { TraceBody } from './recorder';

/** A message as the network carries it: Raft messages and client messages. */
export interface WireMessage {
  readonly type: string;
  readonly term?: number;
}

export type ClientHandler = (message: WireMessage, from: Endpoint) => void;

/** What one popped event does: maybe a host step, then its effects, applied in queue order. */
interface Plan {
  /** Counts as an event (a stale timer does not). */
  readonly acted: boolean;
  /** The node whose host it steps or whose timer it handles; null for none. */
  readonly node: NodeId | null;
  /** Wall-clock wait (durability of the message's sender) before the step may start. */
  readonly wait?: Promise<void>;
  readonly start?: () => MaybePromise<HostStep>;
  readonly finish: (step: HostStep | null) => void;
}

const NOTHING: Plan = { acted: false, node: null, finish: () => {} };

/** Client tasks are never scheduled sooner than this after their cause (see lookahead). */
export const SCHEDULE_DELAY_MIN = 1;

export class Engine<H extends NodeHost> {
  readonly options: ResolvedOptions;
  protected clock = 0;
  protected readonly hosts: readonly H[];
  private readonly queue = new EventQueue<QueueItem>();
  private readonly network: Network;
  private readonly networkRng: Rng;
  private readonly flights = new Flights();
  private readonly timerAt: number[];
  private readonly recorder: Recorder;
  private readonly clients = new Map<string, ClientHandler>();
  private readonly postTail = new Map<NodeId, Promise<void>>();
  private nextMessageId = 1;
  private eventCount = 0;
  private popCount = 0;

  /**
   * `startTime`: the virtual time the run begins at (0 for a new run; a run resumed after
   * a page reload continues from the time its record was kept at).
   */
  constructor(
    options: ResolvedOptions,
    hosts: readonly H[],
    network: NetworkOptions = {},
    startTime = 0,
  ) {
    if (!(startTime >= 0) || !Number.isFinite(startTime))
      throw new Error(`a start time must be a finite number >= 0, got ${startTime}`);
    this.options = options;
    this.clock = roundTime(startTime);
    this.hosts = hosts;
    this.network = new Network(hosts.length, networkSettings(network, DEFAULT_NETWORK));
    this.networkRng = new Rng(deriveSeed(options.seed, 'network'));
    this.timerAt = hosts.map(() => Infinity);
    this.recorder = new Recorder(options.traceEventsMax, options.checkInvariants);
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

  /** Time of the next queued event (Infinity when none). */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Runs `run` at virtual time now + delay, as an event of its own. */
  schedule(delay: number, run: () => void): void {
    if (!(delay >= SCHEDULE_DELAY_MIN)) {
      throw new Error(
        `a task must be scheduled at least ${SCHEDULE_DELAY_MIN} ms ahead, got ${delay}`,
      );
    }
    this.queue.push(roundTime(this.clock + delay), { kind: 'task', run });
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

  applied(id: NodeId): ReturnType<H['applied']> {
    return this.host(id).applied() as ReturnType<H['applied']>;
  }

  /** The host of a node, for views that need more than NodeView (leader progress). */
  hostOf(id: NodeId): H {
    return this.host(id);
  }

  /** Who can reach whom right now, and the network settings. */
  networkView(): NetworkView {
    return this.network.view();
  }

  inFlight(): MessageView[] {
    return this.flights.views();
  }

  violations(): string[] {
    return this.recorder.violations();
  }

  trace(): TraceEvent[] {
    return this.recorder.trace();
  }

  /** Calls `listener` with every trace event from now on; returns the unsubscribe. */
  onEvent(listener: (e: TraceEvent) => void): () => void {
    return this.recorder.onEvent(listener);
  }

  /** The applied key/value contents of a node's current incarnation ({} when crashed). */
  kvState(id: NodeId): Record<string, string> {
    return this.host(id).kvState();
  }

  // ---- interventions that touch hosts ----

  protected submitting(id: NodeId, command: unknown): MaybePromise<SubmitResult> {
    const host = this.host(id);
    this.traceIntervention('submit', [id, command]);
    if (!host.alive) return { accepted: false };
    return andThen(host.propose(command, this.clock), (p) => this.proposed(id, command, p));
  }

  /** Several proposals at one node in one step (one Ready, one write), as etcd batches. */
  protected submittingMany(id: NodeId, commands: readonly unknown[]): MaybePromise<SubmitResult[]> {
    const host = this.host(id);
    for (const command of commands) this.traceIntervention('submit', [id, command]);
    if (!host.alive) return commands.map(() => ({ accepted: false }));
    return andThen(host.proposeMany(commands, this.clock), ({ proposals, step }) => {
      const results = proposals.map((proposal, i): SubmitResult => {
        if (proposal === null) return { accepted: false };
        this.record({ kind: 'propose', node: id, ...proposal, command: commands[i] });
        return { accepted: true, ...proposal };
      });
      this.complete(id, step);
      return results;
    });
  }

  private proposed(id: NodeId, command: unknown, { proposal, step }: ProposeStep): SubmitResult {
    if (proposal !== null) {
      this.record({
        kind: 'propose',
        node: id,
        index: proposal.index,
        term: proposal.term,
        command,
      });
    }
    this.complete(id, step);
    return proposal === null ? { accepted: false } : { accepted: true, ...proposal };
  }

  protected crashing(id: NodeId): MaybePromise<void> {
    const host = this.host(id);
    this.traceIntervention('crash', [id]);
    if (!host.alive) return;
    return andThen(host.crash(), () => {
      this.timerAt[id] = Infinity;
      this.record({ kind: 'crash', node: id });
    });
  }

  protected restarting(id: NodeId): MaybePromise<void> {
    const host = this.host(id);
    this.traceIntervention('restart', [id]);
    if (host.alive) return;
    return this.boot(id);
  }

  protected expiring(id: NodeId): MaybePromise<void> {
    const host = this.host(id);
    this.traceIntervention('expireElectionTimer', [id]);
    if (!host.alive || host.role === 'leader') return;
    this.record({ kind: 'timeout', node: id, timer: 'election', forced: true });
    return this.stepNode(id, { kind: 'electionTimeout' });
  }

  /** Boots a node from its durable state (at creation, and on restart). */
  protected boot(id: NodeId): MaybePromise<void> {
    const host = this.hosts[id]!;
    return andThen(host.boot(this.clock), ({ log, ...info }) => {
      // A node that resumes a run (page reload) says what it holds, so checkers start from it.
      const resumed = info.incarnation === 1 && log.length > 0 ? { resumedLog: log } : {};
      this.record({ kind: 'restart', node: id, ...info, ...resumed });
      this.scheduleTimer(id, host.nextDeadline());
    });
  }

  /** Pops one event and runs it to the end; returns whether it did anything. */
  protected processNext(): MaybePromise<boolean> {
    const next = this.queue.pop();
    if (next === undefined) return false;
    this.popCount++;
    this.clock = next.time;
    const plan = this.plan(next.item, next.time);
    if (plan.start === undefined) return this.finish(plan, next.time, null);
    if (plan.wait !== undefined) {
      const start = plan.start;
      return plan.wait.then(() => start()).then((step) => this.finish(plan, next.time, step));
    }
    const step = plan.start();
    if (!isPromise(step)) return this.finish(plan, next.time, step);
    return step.then((s) => this.finish(plan, next.time, s));
  }

  /**
   * Runs events due by `end` with several host steps in flight at once (asynchronous
   * hosts) and the same outcome as one at a time (see pipeline.ts). Stops starting new
   * ones after `wallMs` of wall time or at `popsMax` pops; returns the events done.
   */
  protected processWindow(end: number, wallMs: number, popsMax = Infinity): Promise<number> {
    return runWindow(this.windowSource, { end, wallMs, popsMax, lookahead: this.lookahead() });
  }

  private readonly windowSource: WindowSource<Plan, HostStep> = ((engine) => ({
    get pops() {
      return engine.popCount;
    },
    get serialOnly() {
      return engine.flights.holding;
    },
    peekTime: () => engine.queue.peekTime(),
    peekTimerNode: () => {
      const item = engine.queue.peekItem();
      return item?.kind === 'timer' ? item.node : null;
    },
    popAndPlan: () => {
      const next = engine.queue.pop()!;
      engine.popCount++;
      return { time: next.time, plan: engine.plan(next.item, next.time) };
    },
    dispatch: (plan: Plan) => engine.dispatch(plan),
    finish: (plan: Plan, time: number, step: HostStep | null) => engine.finish(plan, time, step),
  }))(this);

  /** Starts a planned host step behind the node's earlier ones (each node steps in order). */
  private dispatch(plan: Plan): Promise<HostStep | null> {
    const start = plan.start;
    if (start === undefined || plan.node === null) return Promise.resolve(null);
    const previous = this.postTail.get(plan.node) ?? Promise.resolve();
    const posted = previous.then(() => plan.wait).then(() => ({ step: start() }));
    this.postTail.set(
      plan.node,
      posted.then(() => undefined),
    );
    return posted.then(({ step }) => step);
  }

  /** The shortest delay after which anything an event causes can happen. */
  private lookahead(): number {
    const o = this.options;
    return Math.min(
      this.network.settings.delayMs[0],
      o.heartbeatMs,
      o.electionTimeoutMs[0],
      SCHEDULE_DELAY_MIN,
    );
  }

  private finish(plan: Plan, time: number, step: HostStep | null): boolean {
    this.clock = time;
    plan.finish(step);
    if (plan.acted) this.eventCount++;
    return plan.acted;
  }

  // ---- interventions on the network (never asynchronous) ----

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
  attachClient(id: string, handler: ClientHandler): void {
    if (this.clients.has(id)) throw new Error(`client ${id} is already attached`);
    this.clients.set(id, handler);
  }

  /** Sends a message from a client or node endpoint over the simulated network. */
  sendMessage(from: Endpoint, to: Endpoint, message: WireMessage): void {
    this.send(from, to, message, 0);
  }

  /** Records a trace event on behalf of a part of the harness (the KV clients). */
  note(body: TraceBody): void {
    this.record(body);
  }

  // ---- the engine ----

  /** Decides what a popped event does; effects wait for `finish`, in queue order. */
  private plan(item: QueueItem, time: number): Plan {
    switch (item.kind) {
      case 'deliver':
        return this.planDelivery(item.flight, time);
      case 'timer':
        return this.planTimer(item.node, item.incarnation, time);
      case 'task':
        return { acted: true, node: null, finish: () => item.run() };
    }
  }

  private planTimer(id: NodeId, incarnation: number, time: number): Plan {
    const host = this.hosts[id]!;
    if (this.timerAt[id] !== time || host.incarnation !== incarnation || !host.alive)
      return NOTHING;
    const deadline = host.nextDeadline();
    if (deadline > time) {
      // The deadline moved later since this timer was queued: wait for the new one.
      return {
        acted: false,
        node: id,
        finish: () => {
          this.timerAt[id] = Infinity;
          this.scheduleTimer(id, deadline);
        },
      };
    }
    const timer = host.role === 'leader' ? 'heartbeat' : 'election';
    return {
      acted: true,
      node: id,
      start: () => host.step({ kind: 'tick' }, time),
      finish: (step) => {
        this.timerAt[id] = Infinity;
        this.record({ kind: 'timeout', node: id, timer });
        this.complete(id, step!);
      },
    };
  }

  private planDelivery(flight: Flight, time: number): Plan {
    if (this.flights.get(flight.id) !== flight) return NOTHING;
    if (this.flights.mustHold(flight)) {
      flight.held = true;
      return {
        acted: true,
        node: null,
        finish: () => this.record({ kind: 'hold', id: flight.id }),
      };
    }
    this.flights.remove(flight.id);
    const drop = (reason: DropReason): Plan => ({
      acted: true,
      node: null,
      finish: () => this.recordDrop(flight, reason),
    });
    if (!this.network.passes(flight.from, flight.to)) return drop('link-down');
    const to = flight.to;
    if (typeof to === 'string') {
      const client = this.clients.get(to);
      if (client === undefined) return drop('receiver-crashed');
      return {
        acted: true,
        node: null,
        finish: () => {
          this.recordDeliver(flight);
          client(flight.message, flight.from);
        },
      };
    }
    // A client may only send requests: anything else would reach the Raft core.
    if (typeof flight.from === 'string' && flight.type !== 'ClientRequest')
      return drop('malformed');
    const host = this.hosts[to]!;
    if (!host.alive) return drop('receiver-crashed');
    // A message leaves only once the step that sent it is durable (worker hosts persist
    // in the background; this waits in wall time, never in virtual time).
    const origin = typeof flight.from === 'number' ? this.hosts[flight.from] : undefined;
    const wait = origin?.whenDurable(flight.originSeq, flight.originIncarnation);
    const from = flight.from;
    const start =
      flight.type === 'ClientRequest'
        ? () => host.clientRequest(String(from), flight.message as ClientRequest, time)
        : () => host.step({ kind: 'message', message: flight.message as RaftMessage }, time);
    return {
      acted: true,
      node: to,
      start,
      ...(wait === undefined ? {} : { wait }),
      finish: (step) => {
        this.recordDeliver(flight);
        this.complete(to, step!);
      },
    };
  }

  private stepNode(id: NodeId, input: Input): MaybePromise<void> {
    const step = this.hosts[id]!.step(input, this.clock);
    if (!isPromise(step)) return this.complete(id, step);
    return step.then((s) => this.complete(id, s));
  }

  /** Timers are queued lazily: only a deadline earlier than the queued one is pushed. */
  private scheduleTimer(id: NodeId, deadline: number): void {
    if (deadline >= this.timerAt[id]!) return;
    this.timerAt[id] = deadline;
    this.queue.push(deadline, {
      kind: 'timer',
      node: id,
      incarnation: this.hosts[id]!.incarnation,
    });
  }

  /** After a host step: trace it, send its messages, reschedule its timer. */
  private complete(id: NodeId, step: HostStep): void {
    const ready = step.ready;
    if (this.recorder.tracing) this.recorder.recordStep(this.clock, id, ready);
    for (const m of ready.messages) this.send(id, m.to, m, step.seq);
    for (const r of step.replies) this.send(id, r.to, r.reply, step.seq);
    if (this.recorder.tracing && ready.committed.length > 0) {
      this.record({ kind: 'apply', node: id, entries: ready.committed });
    }
    this.scheduleTimer(id, step.nextDeadline);
  }

  private send(from: Endpoint, to: Endpoint, message: WireMessage, originSeq: number): void {
    const id = this.nextMessageId++;
    const type = message.type;
    const term = message.term ?? 0;
    const passes = this.network.passes(from, to);
    const fate = passes ? this.network.fate(this.networkRng) : null;
    if (fate === null || fate.lost) {
      this.record({ kind: 'send', id, from, to, type, term, deliverAt: null, message });
      this.record({
        kind: 'drop',
        id,
        from,
        to,
        type,
        reason: fate === null ? 'link-down' : 'loss',
      });
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
      this.record({
        kind: 'send',
        id: flightId,
        from,
        to,
        type,
        term,
        deliverAt,
        message,
        ...(copy === 0 ? {} : { duplicateOf: id }),
      });
    });
  }

  protected record(body: TraceBody): void {
    this.recorder.record(this.clock, body);
  }

  private recordDeliver(f: Flight): void {
    this.record({ kind: 'deliver', id: f.id, from: f.from, to: f.to, type: f.type });
  }

  private recordDrop(f: Flight, reason: DropReason): void {
    this.record({ kind: 'drop', id: f.id, from: f.from, to: f.to, type: f.type, reason });
  }

  protected traceIntervention(action: string, args: readonly unknown[]): void {
    this.record({ kind: 'intervention', action, args });
  }

  protected host(id: NodeId): H {
    const host = Number.isInteger(id) ? this.hosts[id] : undefined;
    if (host === undefined) {
      throw new Error(`no node ${String(id)}: node ids are 0 .. ${this.hosts.length - 1}`);
    }
    return host;
  }
}

export function checkDuration(ms: number): void {
  if (!(ms >= 0) || !Number.isFinite(ms))
    throw new Error(`a duration must be a finite number >= 0, got ${ms}`);
}
