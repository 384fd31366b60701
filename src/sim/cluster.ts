/**
 * The synchronous harness (issue #2's contract): the engine driving in-process hosts, so
 * every call returns when its effects are done and tests read results at once.
 */

import type { KvClient, KvClientOptions } from '../kv/client';
import type { HistoryOp } from '../kv/history';
import type { KvOp } from '../kv/op';
import type { KvCommand } from '../kv/types';
import type { DurableState, NodeId } from '../raft/types';
import { roundTime } from '../util/time';
import { checkDuration, Engine } from './engine';
import { sync } from './host';
import { InProcessHost } from './in-process-host';
import { applyIntervention, type RecordedIntervention } from './interventions';
import { KvClients } from './kv-clients';
import { nodeConfigs, resolveOptions } from './options';
import type { Cluster, ClusterOptions, SubmitResult } from './types';

export type { ClientHandler, TraceBody, WireMessage } from './engine';

export class SimCluster extends Engine<InProcessHost> implements Cluster {
  private readonly kvClients: KvClients;

  /**
   * `initialState`: each node's durable state before its first boot (a run that resumed
   * from storage, replayed in process); empty when absent. `startTime`: the virtual time
   * the nodes boot at (where a resumed run began; 0 otherwise).
   */
  constructor(opts: ClusterOptions, initialState?: readonly DurableState[], startTime = 0) {
    const options = resolveOptions(opts);
    super(
      options,
      nodeConfigs(options).map((config) => new InProcessHost(config, options.seed)),
      opts.network,
      startTime,
    );
    this.kvClients = new KvClients(this);
    for (const [id, state] of (initialState ?? []).entries()) this.hostOf(id).storage.reset(state);
    for (let id = 0; id < this.size; id++) sync(this.boot(id));
  }

  run(ms: number): void {
    checkDuration(ms);
    const end = roundTime(this.clock + ms);
    while (this.nextEventTime() <= end) sync(this.processNext());
    this.clock = end;
  }

  runUntil(pred: () => boolean, maxMs: number): boolean {
    checkDuration(maxMs);
    if (pred()) return true;
    const end = roundTime(this.clock + maxMs);
    while (this.nextEventTime() <= end) {
      if (sync(this.processNext()) && pred()) return true;
    }
    this.clock = end;
    return pred();
  }

  /** Processes events up to and including the next one that does something; false if none. */
  step(): boolean {
    while (this.nextEventTime() < Infinity) {
      if (sync(this.processNext())) return true;
    }
    return false;
  }

  submit(id: NodeId, command: unknown): SubmitResult {
    return sync(this.submitting(id, command));
  }

  crash(id: NodeId): void {
    sync(this.crashing(id));
  }

  restart(id: NodeId): void {
    sync(this.restarting(id));
  }

  expireElectionTimer(id: NodeId): void {
    sync(this.expiring(id));
  }

  /** A new KV client; its network endpoint id is its `id` (c1, c2, ...). */
  kvClient(opts?: KvClientOptions): KvClient {
    return this.kvClients.create(opts);
  }

  /** Calls a command on the client with this id (replays and share links name clients). */
  kvCall(client: string, command: KvCommand): KvOp {
    return this.kvClients.byId(client).call(command);
  }

  /** Replays a recorded intervention at its exact position in the run (see LiveCluster). */
  replay(rec: RecordedIntervention): unknown {
    if (rec.pops === undefined) {
      while (this.nextEventTime() <= rec.at) sync(this.processNext());
    }
    while (rec.pops !== undefined && this.pops < rec.pops) {
      if (this.nextEventTime() > rec.at)
        throw new Error(`replay diverged before event ${String(rec.pops)}`);
      sync(this.processNext());
    }
    if (rec.at > this.clock) this.clock = rec.at;
    return applyIntervention(this, rec.action);
  }

  /** Every client call so far (the newest HARNESS_HISTORY_OPS_MAX). */
  kvHistory(): HistoryOp[] {
    return this.kvClients.list();
  }
}
