/**
 * The deterministic discrete-event simulator: a virtual clock, one event queue, one seed,
 * a network model, crash semantics, interventions and the trace. The same options and the
 * same interventions always give the same trace.
 */

import type { HistoryOp } from '../check/history';
import { InvariantChecker } from '../check/invariants';
import type { KvClient, KvClientOptions } from '../kv/client';
import type { ClientRequest } from '../kv/types';
import type { Input, NodeId, RaftMessage, Ready } from '../raft/types';
import { deriveSeed, Rng } from '../util/rng';
import { roundTime } from '../util/time';
import { EventQueue } from './event-queue';
import { type Flight, Flights, type HoldPredicate } from './flights';
import { type HostStep, InProcessHost } from './in-process-host';
import { KvClients } from './kv-clients';
import { hasPersistOps } from './memory-storage';
import { DEFAULT_NETWORK, Network, type NetworkOptions, networkSettings } from './network';
import { type ResolvedOptions, resolveOptions } from './options';
import { type DropReason, type Endpoint, type TraceEvent, TraceLog } from './trace';
import type { Cluster, ClusterOptions, MessageView, NodeView, SubmitResult } from './types';

type QueueItem =
  | { readonly kind: 'deliver'; readonly flight: Flight }
  | { readonly kind: 'timer'; readonly node: NodeId; readonly incarnation: number }
  | { readonly kind: 'task'; readonly run: () => void };

export type TraceBody = TraceEvent extends unknown ? DistributiveOmit<TraceEvent, 't'> : never;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A message as the network carries it: Raft messages, and later client messages. */
export interface WireMessage {
  readonly type: string;
  readonly term?: number;
}

export type ClientHandler = (message: WireMessage, from: Endpoint) => void;

export class SimCluster implements Cluster {
  readonly options: ResolvedOptions;
  private clock = 0;
  private readonly queue = new EventQueue<QueueItem>();
  private readonly hosts: InProcessHost[];
  private readonly network: Network;
  private readonly networkRng: Rng;
  private readonly flights = new Flights();
  private readonly timerAt: number[];
  private readonly traceLog: TraceLog;
  private readonly checker: InvariantChecker | null;
  private readonly listeners = new Set<(e: TraceEvent) => void>();
  private readonly clients = new Map<string, ClientHandler>();
  private readonly kvClients = new KvClients(this);
  private nextMessageId = 1;
  private eventCount = 0;

  constructor(opts: ClusterOptions) {
    this.options = resolveOptions(opts);
    const o = this.options;
    const members = Array.from({ length: o.nodes }, (_, i) => i);
    this.hosts = members.map(
      (id) =>
        new InProcessHost(
          {
            id,
            members,
            electionTimeoutMin: o.electionTimeoutMs[0],
            electionTimeoutMax: o.electionTimeoutMs[1],
            heartbeatInterval: o.heartbeatMs,
            entriesPerAppendMax: o.entriesPerAppendMax,
            inflightMax: o.inflightMax,
          },
          o.seed,
        ),
    );
    this.network = new Network(o.nodes, networkSettings(opts.network ?? {}, DEFAULT_NETWORK));
    this.networkRng = new Rng(deriveSeed(o.seed, 'network'));
    this.timerAt = members.map(() => Infinity);
    this.traceLog = new TraceLog(o.traceEventsMax);
    this.checker = o.checkInvariants ? new InvariantChecker() : null;
    for (const id of members) this.boot(id);
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

  // ---- time ----

  run(ms: number): void {
    checkDuration(ms);
    const end = roundTime(this.clock + ms);
    while (this.queue.peekTime() <= end) this.processNext();
    this.clock = end;
  }

  runUntil(pred: () => boolean, maxMs: number): boolean {
    checkDuration(maxMs);
    if (pred()) return true;
    const end = roundTime(this.clock + maxMs);
    while (this.queue.peekTime() <= end) {
      if (this.processNext() && pred()) return true;
    }
    this.clock = end;
    return pred();
  }

  /** Processes events up to and including the next one that does something; false if none. */
  step(): boolean {
    while (this.queue.size > 0) {
      if (this.processNext()) return true;
    }
    return false;
  }

  /** Time of the next queued event (Infinity when none). */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /** Runs `run` at virtual time now + delay, as an event of its own. */
  schedule(delay: number, run: () => void): void {
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
      const raft = host.raft;
      if (raft !== null && raft.role === 'leader' && raft.term > bestTerm) {
        best = host.id;
        bestTerm = raft.term;
      }
    }
    return best;
  }

  applied(id: NodeId): ReturnType<InProcessHost['applied']> {
    return this.host(id).applied();
  }

  /** The live host of a node, for views that need more than NodeView (leader progress). */
  hostOf(id: NodeId): InProcessHost {
    return this.host(id);
  }

  inFlight(): MessageView[] {
    return this.flights.views();
  }

  violations(): string[] {
    return this.checker === null ? [] : this.checker.violations.slice();
  }

  trace(): TraceEvent[] {
    return this.traceLog.list();
  }

  /** Calls `listener` with every trace event from now on; returns the unsubscribe. */
  onEvent(listener: (e: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- interventions ----

  submit(id: NodeId, command: unknown): SubmitResult {
    const host = this.host(id);
    this.intervene('submit', [id, command]);
    if (!host.alive) return { accepted: false };
    const { proposal, step } = host.propose(command, this.clock);
    if (proposal === null) return { accepted: false };
    this.record({ kind: 'propose', node: id, index: proposal.index, term: proposal.term, command });
    this.complete(id, step);
    return { accepted: true, index: proposal.index, term: proposal.term };
  }

  crash(id: NodeId): void {
    const host = this.host(id);
    this.intervene('crash', [id]);
    if (!host.alive) return;
    host.crash();
    this.timerAt[id] = Infinity;
    this.record({ kind: 'crash', node: id });
  }

  restart(id: NodeId): void {
    const host = this.host(id);
    this.intervene('restart', [id]);
    if (host.alive) return;
    this.boot(id);
  }

  disconnect(id: NodeId): void {
    this.host(id);
    this.intervene('disconnect', [id]);
    this.network.setConnected(id, false);
  }

  reconnect(id: NodeId): void {
    this.host(id);
    this.intervene('reconnect', [id]);
    this.network.setConnected(id, true);
  }

  partition(...groups: NodeId[][]): void {
    for (const group of groups) for (const id of group) this.host(id);
    this.intervene('partition', groups);
    this.network.partition(groups);
  }

  heal(): void {
    this.intervene('heal', []);
    this.network.heal();
  }

  setLink(from: NodeId, to: NodeId, up: boolean): void {
    this.host(from);
    this.host(to);
    this.intervene('setLink', [from, to, up]);
    this.network.setLink(from, to, up);
  }

  setNetwork(opts: NetworkOptions): void {
    const settings = networkSettings(opts, this.network.settings);
    this.intervene('setNetwork', [opts]);
    this.network.settings = settings;
  }

  expireElectionTimer(id: NodeId): void {
    const host = this.host(id);
    this.intervene('expireElectionTimer', [id]);
    const raft = host.raft;
    if (raft === null || raft.role === 'leader') return;
    this.record({ kind: 'timeout', node: id, timer: 'election', forced: true });
    this.stepNode(id, { kind: 'electionTimeout' });
  }

  hold(pred: HoldPredicate): void {
    this.intervene('hold', []);
    this.flights.hold(pred);
  }

  release(pred?: HoldPredicate): void {
    this.intervene('release', []);
    for (const flight of this.flights.release(pred)) {
      this.record({ kind: 'release', id: flight.id });
      this.queue.push(Math.max(this.clock, flight.deliverAt), { kind: 'deliver', flight });
    }
  }

  dropMessage(id: number): void {
    this.intervene('dropMessage', [id]);
    const flight = this.flights.get(id);
    if (flight === undefined) return;
    this.flights.remove(id);
    this.recordDrop(flight, 'user');
  }

  // ---- key/value clients ----

  /** A new KV client; its network endpoint id is its `id` (c1, c2, ...). */
  kvClient(opts?: KvClientOptions): KvClient {
    return this.kvClients.create(opts);
  }

  /** The applied key/value contents of a node's current incarnation ({} when crashed). */
  kvState(id: NodeId): Record<string, string> {
    return this.host(id).kvState();
  }

  /** Every client call so far (the newest HISTORY_OPS_MAX). */
  kvHistory(): HistoryOp[] {
    return this.kvClients.list();
  }

  // ---- clients (string endpoints) ----

  /** Registers a client endpoint; messages to it are handed to `handler`. */
  attachClient(id: string, handler: ClientHandler): void {
    if (this.clients.has(id)) throw new Error(`client ${id} is already attached`);
    this.clients.set(id, handler);
  }

  /** Sends a message from a client or node endpoint over the simulated network. */
  sendMessage(from: Endpoint, to: Endpoint, message: WireMessage): void {
    this.send(from, to, message);
  }

  // ---- the engine ----

  /** Pops one event; returns whether it did anything (stale timers do not). */
  private processNext(): boolean {
    const next = this.queue.pop();
    if (next === undefined) return false;
    this.clock = next.time;
    const item = next.item;
    let acted: boolean;
    switch (item.kind) {
      case 'deliver':
        acted = this.deliver(item.flight);
        break;
      case 'timer':
        acted = this.fireTimer(item.node, item.incarnation, next.time);
        break;
      case 'task':
        item.run();
        acted = true;
        break;
    }
    if (acted) this.eventCount++;
    return acted;
  }

  private boot(id: NodeId): void {
    const info = this.hosts[id]!.boot(this.clock);
    this.record({ kind: 'restart', node: id, ...info });
    this.scheduleTimer(id, this.hosts[id]!.nextDeadline());
  }

  private fireTimer(id: NodeId, incarnation: number, time: number): boolean {
    const host = this.hosts[id]!;
    if (this.timerAt[id] !== time || host.incarnation !== incarnation || !host.alive) return false;
    this.timerAt[id] = Infinity;
    const deadline = host.nextDeadline();
    if (deadline > this.clock) {
      // The deadline moved later since this timer was queued: wait for the new one.
      this.scheduleTimer(id, deadline);
      return false;
    }
    const timer = host.raft!.role === 'leader' ? 'heartbeat' : 'election';
    this.record({ kind: 'timeout', node: id, timer });
    this.stepNode(id, { kind: 'tick' });
    return true;
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

  private deliver(flight: Flight): boolean {
    if (this.flights.get(flight.id) !== flight) return false;
    if (this.flights.mustHold(flight)) {
      flight.held = true;
      this.record({ kind: 'hold', id: flight.id });
      return true;
    }
    this.flights.remove(flight.id);
    if (!this.network.passes(flight.from, flight.to)) {
      this.recordDrop(flight, 'link-down');
      return true;
    }
    const to = flight.to;
    if (typeof to === 'string') {
      const client = this.clients.get(to);
      if (client === undefined) {
        this.recordDrop(flight, 'receiver-crashed');
        return true;
      }
      this.recordDeliver(flight);
      client(flight.message, flight.from);
      return true;
    }
    if (!this.hosts[to]!.alive) {
      this.recordDrop(flight, 'receiver-crashed');
      return true;
    }
    this.recordDeliver(flight);
    if (flight.type === 'ClientRequest') {
      const from = String(flight.from);
      this.complete(
        to,
        this.hosts[to]!.clientRequest(from, flight.message as ClientRequest, this.clock),
      );
    } else {
      this.stepNode(to, { kind: 'message', message: flight.message as RaftMessage });
    }
    return true;
  }

  private stepNode(id: NodeId, input: Input): void {
    this.complete(id, this.hosts[id]!.step(input, this.clock));
  }

  /** After a host step: trace it, send its messages, reschedule its timer. */
  private complete(id: NodeId, step: HostStep): void {
    const ready = step.ready;
    if (this.tracing) this.traceReady(id, ready);
    for (const m of ready.messages) this.send(id, m.to, m);
    for (const r of step.replies) this.send(id, r.to, r.reply);
    if (this.tracing && ready.committed.length > 0) {
      this.record({ kind: 'apply', node: id, entries: ready.committed });
    }
    this.scheduleTimer(id, step.nextDeadline);
  }

  /** Role and vote changes, then what was persisted, then commit advances. */
  private traceReady(id: NodeId, ready: Ready): void {
    for (const e of ready.events) {
      if (e.type === 'becameFollower') {
        this.record({
          kind: 'role',
          node: id,
          role: 'follower',
          term: e.term,
          leaderId: e.leaderId,
        });
      } else if (e.type === 'becameCandidate') {
        this.record({ kind: 'role', node: id, role: 'candidate', term: e.term });
      } else if (e.type === 'becameLeader') {
        this.record({ kind: 'role', node: id, role: 'leader', term: e.term });
      } else if (e.type === 'voted') {
        this.record({
          kind: 'vote',
          node: id,
          term: e.term,
          candidate: e.candidateId,
          granted: e.granted,
          ...(e.reason === undefined ? {} : { reason: e.reason }),
        });
      }
    }
    if (hasPersistOps(ready)) {
      this.record({
        kind: 'persist',
        node: id,
        hardState: ready.hardState,
        truncateFrom: ready.truncateFrom,
        append: ready.append,
      });
    }
    for (const e of ready.events) {
      if (e.type === 'commitAdvanced')
        this.record({ kind: 'commit', node: id, commitIndex: e.commitIndex });
    }
  }

  private send(from: Endpoint, to: Endpoint, message: WireMessage): void {
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

  private get tracing(): boolean {
    return this.traceLog.eventsMax > 0 || this.checker !== null || this.listeners.size > 0;
  }

  /** Records a trace event on behalf of a part of the harness (the KV clients). */
  note(body: TraceBody): void {
    this.record(body);
  }

  private record(body: TraceBody): void {
    if (!this.tracing) return;
    const event = { t: this.clock, ...body } as TraceEvent;
    this.traceLog.push(event);
    if (this.checker !== null) this.checker.observe(event);
    for (const listener of this.listeners) listener(event);
  }

  private recordDeliver(f: Flight): void {
    this.record({ kind: 'deliver', id: f.id, from: f.from, to: f.to, type: f.type });
  }

  private recordDrop(f: Flight, reason: DropReason): void {
    this.record({ kind: 'drop', id: f.id, from: f.from, to: f.to, type: f.type, reason });
  }

  private intervene(action: string, args: readonly unknown[]): void {
    this.record({ kind: 'intervention', action, args });
  }

  private host(id: NodeId): InProcessHost {
    const host = Number.isInteger(id) ? this.hosts[id] : undefined;
    if (host === undefined) {
      throw new Error(`no node ${String(id)}: node ids are 0 .. ${this.hosts.length - 1}`);
    }
    return host;
  }
}

function checkDuration(ms: number): void {
  if (!(ms >= 0) || !Number.isFinite(ms))
    throw new Error(`a duration must be a finite number >= 0, got ${ms}`);
}
