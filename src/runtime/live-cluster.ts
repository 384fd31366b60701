/**
 * The asynchronous harness: the event core driving hosts that answer with promises (Web
 * Workers). Every operation is serialised, so events are processed in the same order as
 * in process, and the trace is the same. Interventions are recorded with their exact
 * position (queue pops) and virtual time for replay.
 */

import type { KvClient, KvClientOptions } from '../kv/client';
import type { HistoryOp } from '../kv/history';
import type { KvOp } from '../kv/op';
import type { KvCommand } from '../kv/types';
import type { Entry, NodeId } from '../raft/types';
import { checkDuration, EngineCore } from '../sim/engine';
import { type AsyncHost, runStep } from '../sim/host';
import {
  applyIntervention,
  type Intervention,
  type InterventionTarget,
  interventionProblem,
  type RecordedIntervention,
} from '../sim/interventions';
import { KvClients } from '../sim/kv-clients';
import type { NetworkOptions, NetworkView } from '../sim/network';
import {
  beginCrash,
  beginExpire,
  beginRestart,
  beginSubmit,
  beginTransfer,
  booted,
  endCrash,
  endSubmit,
  endSubmitMany,
} from '../sim/node-ops';
import type { ResolvedOptions } from '../sim/options';
import type { TraceEvent } from '../sim/trace';
import type { MessageView, NodeView, SubmitResult } from '../sim/types';
import { roundTime } from '../util/time';
import { LiveSteps } from './live-steps';
import { SerialQueue } from './serial';

/** Most interventions kept for share links and replay. */
export const INTERVENTIONS_MAX = 10_000;

export class LiveCluster<H extends AsyncHost> {
  private readonly core: EngineCore;
  private readonly steps: LiveSteps;
  private readonly serial = new SerialQueue();
  private readonly kvClients: KvClients;
  private readonly recorded: RecordedIntervention[] = [];

  /** `startTime`: where a resumed run's clock begins (see EngineCore). */
  constructor(
    options: ResolvedOptions,
    private readonly hosts: readonly H[],
    network: NetworkOptions = {},
    startTime = 0,
  ) {
    this.core = new EngineCore(options, hosts, network, startTime);
    this.steps = new LiveSteps(this.core, hosts);
    this.kvClients = new KvClients(this.core);
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
  get events(): number {
    return this.core.events;
  }
  get pops(): number {
    return this.core.pops;
  }

  /** Boots every node from its durable state. */
  start(): Promise<void> {
    return this.serial.run(async () => {
      for (let id = 0; id < this.size; id++) await this.boot(id);
    });
  }

  /**
   * Stops every node once its pending writes have landed (a crash without a trace event):
   * nothing acknowledged is lost. The cluster does nothing more afterwards.
   */
  shutDown(): Promise<void> {
    return this.serial.run(async () => {
      for (const host of this.hosts) if (host.alive) await host.crash();
    });
  }

  /** Runs `f` after every operation asked for before it (keeps page notes in order). */
  inOrder<T>(f: () => T): Promise<T> {
    return this.serial.run(f);
  }

  /** Advances virtual time by `ms`. */
  runFor(ms: number): Promise<void> {
    checkDuration(ms);
    return this.serial.run(async () => {
      const end = roundTime(this.now + ms);
      while (this.nextEventTime() <= end) await this.steps.window(end, Infinity);
      this.core.moveClockTo(end);
    });
  }

  /**
   * Processes events due by virtual time `end`, stopping early after `eventsMax` events
   * or `wallMs` of wall time (so a fast run yields to the rest of the program).
   * Returns true if it reached `end`.
   */
  advance(end: number, eventsMax: number, wallMs: number): Promise<boolean> {
    return this.serial.run(async () => {
      const started = performance.now();
      let n = 0;
      while (this.nextEventTime() <= end) {
        const wallLeft = wallMs - (performance.now() - started);
        n += await this.steps.window(end, wallLeft, this.pops + eventsMax - n);
        if (n >= eventsMax || performance.now() - started >= wallMs) return false;
      }
      if (Number.isFinite(end)) this.core.moveClockTo(roundTime(end));
      return true;
    });
  }

  runUntil(pred: () => boolean, maxMs: number): Promise<boolean> {
    checkDuration(maxMs);
    return this.serial.run(async () => {
      if (pred()) return true;
      const end = roundTime(this.now + maxMs);
      while (this.nextEventTime() <= end) {
        if ((await this.steps.next()) && pred()) return true;
      }
      this.core.moveClockTo(end);
      return pred();
    });
  }

  /** Processes events up to and including the next one that does something. */
  stepOnce(): Promise<boolean> {
    return this.serial.run(async () => {
      while (this.nextEventTime() < Infinity) {
        if (await this.steps.next()) return true;
      }
      return false;
    });
  }

  /** Applies a user intervention now, and records it for replay. */
  intervene(action: Intervention): Promise<unknown> {
    return this.serial.run(() => {
      const problem = interventionProblem(action, this.size, this.kvClients.ids());
      if (problem !== null) throw new Error(problem);
      this.recordIntervention(action);
      return applyIntervention(this.target, action);
    });
  }

  /**
   * Replays a recorded intervention: processes events until its position, sets the clock
   * to its time, and applies it.
   */
  replay(rec: RecordedIntervention): Promise<unknown> {
    return this.serial.run(async () => {
      await this.steps.window(rec.at, Infinity, rec.pops ?? Infinity);
      if (rec.pops !== undefined && this.pops !== rec.pops) {
        throw new Error(`replay diverged before event ${rec.pops}`);
      }
      this.core.moveClockTo(rec.at);
      this.recordIntervention(rec.action);
      return applyIntervention(this.target, rec.action);
    });
  }

  /** Proposes a command at a node, unrecorded: for benchmarks and tests, not for users. */
  propose(id: NodeId, command: unknown): Promise<SubmitResult> {
    return this.serial.run(() => this.submit(id, command));
  }

  /** Proposes several commands in one step, unrecorded: for benchmarks. */
  proposeMany(id: NodeId, commands: readonly unknown[]): Promise<SubmitResult[]> {
    return this.serial.run(async () => {
      if (!beginSubmit(this.core, id, commands)) return commands.map(() => ({ accepted: false }));
      const r = await this.hosts[id]!.proposeMany(commands, this.now);
      return endSubmitMany(this.core, id, commands, r);
    });
  }

  interventions(): RecordedIntervention[] {
    return this.recorded.slice();
  }

  /** How many interventions were recorded (cheaper than copying them). */
  get interventionCount(): number {
    return this.recorded.length;
  }

  kvClientIds(): string[] {
    return this.kvClients.ids();
  }
  kvHistory(): HistoryOp[] {
    return this.kvClients.list();
  }
  kvClientById(id: string): KvClient {
    return this.kvClients.byId(id);
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
  /** The host of a node, for views that need more than NodeView. */
  hostOf(id: NodeId): H {
    this.core.host(id);
    return this.hosts[id]!;
  }
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
  trace(): TraceEvent[] {
    return this.core.trace();
  }
  onEvent(listener: (e: TraceEvent) => void): () => void {
    return this.core.onEvent(listener);
  }

  // ---- node operations (inside the serial queue) ----

  private async boot(id: NodeId): Promise<void> {
    booted(this.core, id, await this.hosts[id]!.boot(this.now));
  }

  private async submit(id: NodeId, command: unknown): Promise<SubmitResult> {
    if (!beginSubmit(this.core, id, [command])) return { accepted: false };
    const r = await this.hosts[id]!.propose(command, this.now);
    return endSubmit(this.core, id, command, r);
  }

  private async crash(id: NodeId): Promise<void> {
    if (!beginCrash(this.core, id)) return;
    await this.hosts[id]!.crash();
    endCrash(this.core, id);
  }

  private async restart(id: NodeId): Promise<void> {
    if (beginRestart(this.core, id)) await this.boot(id);
  }

  private async expire(id: NodeId): Promise<void> {
    const call = beginExpire(this.core, id);
    if (call !== null) this.core.stepped(id, await runStep(this.hosts[id]!, call, this.now));
  }

  private async transfer(from: NodeId, to: NodeId): Promise<boolean> {
    const call = beginTransfer(this.core, from, to);
    if (call === null) return false;
    this.core.stepped(from, await runStep(this.hosts[from]!, call, this.now));
    return true;
  }

  private recordIntervention(action: Intervention): void {
    if (this.recorded.length >= INTERVENTIONS_MAX) {
      throw new Error(`this run already holds ${INTERVENTIONS_MAX} interventions: reset to go on`);
    }
    this.recorded.push({ pops: this.pops, at: this.now, action });
  }

  /** The cluster as interventions see it: node operations stay asynchronous. */
  private readonly target: InterventionTarget<Promise<void>> = {
    crash: (id) => this.crash(id),
    restart: (id) => this.restart(id),
    expireElectionTimer: (id) => this.expire(id),
    submit: (id, command) => this.submit(id, command),
    transferLeadership: (from, to) => this.transfer(from, to),
    disconnect: (id) => this.core.disconnect(id),
    reconnect: (id) => this.core.reconnect(id),
    partition: (...groups) => this.core.partition(...groups),
    heal: () => this.core.heal(),
    setLink: (from, to, up) => this.core.setLink(from, to, up),
    setNetwork: (opts) => this.core.setNetwork(opts),
    dropMessage: (id) => this.core.dropMessage(id),
    kvClient: (opts?: KvClientOptions) => this.kvClients.create(opts),
    kvCall: (client: string, command: KvCommand): KvOp => this.kvClients.byId(client).call(command),
  };
}
