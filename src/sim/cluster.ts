/**
 * The synchronous harness (issue #2's contract): the event core driving in-process hosts,
 * whose every call returns with its effects done and durable, so each harness call
 * returns when its effects are done and tests read results at once.
 */

import type { KvClient, KvClientOptions } from '../kv/client';
import type { HistoryOp } from '../kv/history';
import type { KvOp } from '../kv/op';
import type { KvCommand } from '../kv/types';
import type { DurableState, Entry, NodeId } from '../raft/types';
import { copyOfState } from '../util/state-copy';
import { roundTime } from '../util/time';
import {
  type ClientHandler,
  checkDuration,
  EngineCore,
  type TraceBody,
  type WireMessage,
} from './engine';
import type { HoldPredicate } from './flights';
import { runStep } from './host';
import { InProcessHost } from './in-process-host';
import { applyIntervention, type RecordedIntervention } from './interventions';
import { KvClients } from './kv-clients';
import type { NetworkOptions, NetworkView } from './network';
import {
  beginCrash,
  beginExpire,
  beginRestart,
  beginSubmit,
  beginTransfer,
  booted,
  endCrash,
  endSubmit,
} from './node-ops';
import { nodeConfigs, type ResolvedOptions, resolveOptions } from './options';
import type { Endpoint, TraceEvent } from './trace';
import type { Cluster, ClusterOptions, MessageView, NodeView, SubmitResult } from './types';

export type { ClientHandler, TraceBody, WireMessage } from './engine';

export class SimCluster implements Cluster {
  private readonly core: EngineCore;
  private readonly hosts: readonly InProcessHost[];
  private readonly kvClients: KvClients;

  /**
   * `initialState`: each node's durable state before its first boot (a run that resumed
   * from storage, replayed in process); empty when absent. `startTime`: the virtual time
   * the nodes boot at (where a resumed run began; 0 otherwise).
   */
  constructor(opts: ClusterOptions, initialState?: readonly DurableState[], startTime = 0) {
    const options = resolveOptions(opts);
    this.hosts = nodeConfigs(options).map((config) => new InProcessHost(config, options.seed));
    this.core = new EngineCore(options, this.hosts, opts.network, startTime);
    this.kvClients = new KvClients(this.core);
    for (const [id, state] of (initialState ?? []).entries()) this.hostOf(id).storage.reset(state);
    for (const host of this.hosts) booted(this.core, host.id, host.boot(this.now));
  }

  get options(): ResolvedOptions {
    return this.core.options;
  }
  get now(): number {
    return this.core.now;
  }
  get size(): number {
    return this.core.size;
  }
  /** Events processed so far (deliveries, timer firings, holds, tasks). */
  get events(): number {
    return this.core.events;
  }
  /** Queue items popped so far, stale timers included: the exact position in a run. */
  get pops(): number {
    return this.core.pops;
  }

  /**
   * An independent copy of this cluster at this moment (a checkpoint). Throws a
   * StateCopyError when the state holds code: a task or hold predicate given as a function.
   */
  fork(): SimCluster {
    return copyOfState(this);
  }

  run(ms: number): void {
    checkDuration(ms);
    const end = roundTime(this.now + ms);
    while (this.nextEventTime() <= end) this.processNext();
    this.core.moveClockTo(end);
  }

  runUntil(pred: () => boolean, maxMs: number): boolean {
    checkDuration(maxMs);
    if (pred()) return true;
    const end = roundTime(this.now + maxMs);
    while (this.nextEventTime() <= end) {
      if (this.processNext() && pred()) return true;
    }
    this.core.moveClockTo(end);
    return pred();
  }

  /** Processes events up to and including the next one that does something; false if none. */
  step(): boolean {
    while (this.nextEventTime() < Infinity) {
      if (this.processNext()) return true;
    }
    return false;
  }

  /** Replays a recorded intervention at its exact position in the run (see LiveCluster). */
  replay(rec: RecordedIntervention): unknown {
    if (rec.pops === undefined) {
      while (this.nextEventTime() <= rec.at) this.processNext();
    }
    while (rec.pops !== undefined && this.pops < rec.pops) {
      if (this.nextEventTime() > rec.at)
        throw new Error(`replay diverged before event ${String(rec.pops)}`);
      this.processNext();
    }
    this.core.moveClockTo(rec.at);
    return applyIntervention(this, rec.action);
  }

  // ---- interventions that touch a node ----

  submit(id: NodeId, command: unknown): SubmitResult {
    if (!beginSubmit(this.core, id, [command])) return { accepted: false };
    return endSubmit(this.core, id, command, this.hosts[id]!.propose(command, this.now));
  }

  crash(id: NodeId): void {
    if (!beginCrash(this.core, id)) return;
    this.hosts[id]!.crash();
    endCrash(this.core, id);
  }

  restart(id: NodeId): void {
    if (beginRestart(this.core, id)) booted(this.core, id, this.hosts[id]!.boot(this.now));
  }

  expireElectionTimer(id: NodeId): void {
    const call = beginExpire(this.core, id);
    if (call !== null) this.core.stepped(id, runStep(this.hosts[id]!, call, this.now));
  }

  transferLeadership(from: NodeId, to: NodeId): boolean {
    const call = beginTransfer(this.core, from, to);
    if (call === null) return false;
    this.core.stepped(from, runStep(this.hosts[from]!, call, this.now));
    return true;
  }

  // ---- the network ----

  disconnect(id: NodeId): void {
    this.core.disconnect(id);
  }
  reconnect(id: NodeId): void {
    this.core.reconnect(id);
  }
  partition(...groups: NodeId[][]): void {
    this.core.partition(...groups);
  }
  heal(): void {
    this.core.heal();
  }
  setLink(from: NodeId, to: NodeId, up: boolean): void {
    this.core.setLink(from, to, up);
  }
  setNetwork(opts: NetworkOptions): void {
    this.core.setNetwork(opts);
  }
  hold(pred: HoldPredicate): void {
    this.core.hold(pred);
  }
  release(pred?: HoldPredicate): void {
    this.core.release(pred);
  }
  dropMessage(id: number): void {
    this.core.dropMessage(id);
  }

  // ---- clients ----

  /** A new KV client; its network endpoint id is its `id` (c1, c2, ...). */
  kvClient(opts?: KvClientOptions): KvClient {
    return this.kvClients.create(opts);
  }

  /** Calls a command on the client with this id (replays and share links name clients). */
  kvCall(client: string, command: KvCommand): KvOp {
    return this.kvClients.byId(client).call(command);
  }

  /** The ids of the KV clients made so far (c1, c2, …). */
  kvClientIds(): string[] {
    return this.kvClients.ids();
  }

  /** Every client call so far (the newest HARNESS_HISTORY_OPS_MAX). */
  kvHistory(): HistoryOp[] {
    return this.kvClients.list();
  }

  /** Registers a client endpoint; messages to it are handed to `handler`. */
  attachClient(id: string, handler: ClientHandler): void {
    this.core.attachClient(id, handler);
  }
  /** Sends a message from a client or node endpoint over the simulated network. */
  sendMessage(from: Endpoint, to: Endpoint, message: WireMessage): void {
    this.core.sendMessage(from, to, message);
  }
  /** Records a trace event on behalf of a part of the harness. */
  note(body: TraceBody): void {
    this.core.note(body);
  }
  /** Runs `run` at virtual time now + delay, as an event of its own. */
  schedule(delay: number, run: () => void): void {
    this.core.schedule(delay, run);
  }

  // ---- views ----

  nextEventTime(): number {
    return this.core.nextEventTime();
  }
  node(id: NodeId): NodeView {
    return this.core.node(id);
  }
  leader(): NodeId | null {
    return this.core.leader();
  }
  applied(id: NodeId): Entry[] {
    return this.hostOf(id).applied();
  }
  /** The host of a node, for views that need more than NodeView (leader progress). */
  hostOf(id: NodeId): InProcessHost {
    this.core.host(id);
    return this.hosts[id]!;
  }
  /** The applied key/value contents of a node's current incarnation ({} when crashed). */
  kvState(id: NodeId): Record<string, string> {
    return this.hostOf(id).kvState();
  }
  networkView(): NetworkView {
    return this.core.networkView();
  }
  inFlight(): MessageView[] {
    return this.core.inFlight();
  }
  violations(): string[] {
    return this.core.violations();
  }
  /** How many invariants broke so far (cheap: for a loop that stops at the first). */
  get violationCount(): number {
    return this.core.violationCount;
  }
  trace(): TraceEvent[] {
    return this.core.trace();
  }
  /** Calls `listener` with every trace event from now on; returns the unsubscribe. */
  onEvent(listener: (e: TraceEvent) => void): () => void {
    return this.core.onEvent(listener);
  }

  /** Pops one event and runs it to the end; whether it did anything. */
  private processNext(): boolean {
    const plan = this.core.popNext();
    if (plan === null) return false;
    const call = plan.call;
    const step = call === undefined ? null : runStep(this.hosts[plan.node!]!, call, plan.time);
    return this.core.finish(plan, step);
  }
}
