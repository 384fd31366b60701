/**
 * The asynchronous harness: the same engine as SimCluster, driving hosts that may answer
 * with promises (Web Workers). Every operation is serialised, so events are processed one
 * at a time in the same order as in process, and the trace is the same. Interventions are
 * recorded with their exact position (queue pops) and virtual time for replay.
 */

import type { KvClient, KvClientOptions } from '../kv/client';
import type { HistoryOp } from '../kv/history';
import type { KvOp } from '../kv/op';
import type { KvCommand } from '../kv/types';
import type { NodeId } from '../raft/types';
import { checkDuration, Engine } from '../sim/engine';
import type { NodeHost } from '../sim/host';
import {
  applyIntervention,
  type Intervention,
  interventionProblem,
  type RecordedIntervention,
} from '../sim/interventions';
import { KvClients } from '../sim/kv-clients';
import type { NetworkOptions } from '../sim/network';
import type { ResolvedOptions } from '../sim/options';
import type { SubmitResult } from '../sim/types';
import { roundTime } from '../util/time';
import { SerialQueue } from './serial';

/** Most interventions kept for share links and replay. */
export const INTERVENTIONS_MAX = 10_000;

export class LiveCluster<H extends NodeHost> extends Engine<H> {
  private readonly serial = new SerialQueue();
  private readonly kvClients: KvClients;
  private readonly recorded: RecordedIntervention[] = [];

  /** `startTime`: where a resumed run's clock begins (see Engine). */
  constructor(
    options: ResolvedOptions,
    hosts: readonly H[],
    network: NetworkOptions = {},
    startTime = 0,
  ) {
    super(options, hosts, network, startTime);
    this.kvClients = new KvClients(this);
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

  /** Advances virtual time by `ms`, at most `eventsMax` events at a time between yields. */
  runFor(ms: number): Promise<void> {
    checkDuration(ms);
    return this.serial.run(async () => {
      const end = roundTime(this.clock + ms);
      while (this.nextEventTime() <= end) await this.processWindow(end, Infinity);
      this.clock = end;
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
        n += await this.processWindow(
          end,
          wallMs - (performance.now() - started),
          this.pops + eventsMax - n,
        );
        if (n >= eventsMax || performance.now() - started >= wallMs) return false;
      }
      if (end > this.clock && Number.isFinite(end)) this.clock = roundTime(end);
      return true;
    });
  }

  runUntil(pred: () => boolean, maxMs: number): Promise<boolean> {
    checkDuration(maxMs);
    return this.serial.run(async () => {
      if (pred()) return true;
      const end = roundTime(this.clock + maxMs);
      while (this.nextEventTime() <= end) {
        if ((await this.processNext()) && pred()) return true;
      }
      this.clock = end;
      return pred();
    });
  }

  /** Processes events up to and including the next one that does something. */
  stepOnce(): Promise<boolean> {
    return this.serial.run(async () => {
      while (this.nextEventTime() < Infinity) {
        if (await this.processNext()) return true;
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
      return applyIntervention(this.target(), action);
    });
  }

  /**
   * Replays a recorded intervention: processes events until its position, sets the clock
   * to its time, and applies it.
   */
  replay(rec: RecordedIntervention): Promise<unknown> {
    return this.serial.run(async () => {
      await this.processWindow(rec.at, Infinity, rec.pops ?? Infinity);
      if (rec.pops !== undefined && this.pops !== rec.pops) {
        throw new Error(`replay diverged before event ${rec.pops}`);
      }
      if (rec.at > this.clock) this.clock = rec.at;
      this.recordIntervention(rec.action);
      return applyIntervention(this.target(), rec.action);
    });
  }

  /** Proposes a command at a node, unrecorded: for benchmarks and tests, not for users. */
  propose(id: NodeId, command: unknown): Promise<SubmitResult> {
    return this.serial.run(() => this.submitting(id, command));
  }

  /** Proposes several commands in one step, unrecorded: for benchmarks. */
  proposeMany(id: NodeId, commands: readonly unknown[]): Promise<SubmitResult[]> {
    return this.serial.run(() => this.submittingMany(id, commands));
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

  private recordIntervention(action: Intervention): void {
    if (this.recorded.length >= INTERVENTIONS_MAX) {
      throw new Error(`this run already holds ${INTERVENTIONS_MAX} interventions: reset to go on`);
    }
    this.recorded.push({ pops: this.pops, at: this.clock, action });
  }

  /** The cluster as interventions see it: node operations stay asynchronous. */
  private target() {
    return {
      crash: (id: NodeId) => this.crashing(id),
      restart: (id: NodeId) => this.restarting(id),
      expireElectionTimer: (id: NodeId) => this.expiring(id),
      submit: (id: NodeId, command: unknown): Promise<SubmitResult> | SubmitResult =>
        this.submitting(id, command),
      disconnect: (id: NodeId) => this.disconnect(id),
      reconnect: (id: NodeId) => this.reconnect(id),
      partition: (...groups: NodeId[][]) => this.partition(...groups),
      heal: () => this.heal(),
      setLink: (from: NodeId, to: NodeId, up: boolean) => this.setLink(from, to, up),
      setNetwork: (opts: NetworkOptions) => this.setNetwork(opts),
      dropMessage: (id: number) => this.dropMessage(id),
      kvClient: (opts?: KvClientOptions) => this.kvClients.create(opts),
      kvCall: (client: string, command: KvCommand): KvOp =>
        this.kvClients.byId(client).call(command),
    };
  }
}
