/**
 * A simulated cluster that writes down every intervention made on it, with its time, so a
 * chaos run (faults, workload commands, KV calls) becomes a run as data: replayable,
 * shareable and shrinkable. The records carry no queue position (`pops`): the chaos
 * run's own tasks are events that a replay does not have, so a replay applies each one
 * after every event due by its time.
 */
import type { KvClient, KvClientOptions } from '../../kv/client';
import type { KvOp } from '../../kv/op';
import type { KvCommand } from '../../kv/types';
import { SimCluster } from '../cluster';
import type { Intervention, RecordedIntervention } from '../interventions';
import type { NetworkOptions } from '../network';
import type { NodeId, SubmitResult } from '../types';

export class RecordingCluster extends SimCluster {
  readonly recorded: RecordedIntervention[] = [];

  private write(action: Intervention): void {
    this.recorded.push({ at: this.now, action });
  }

  override submit(id: NodeId, command: unknown): SubmitResult {
    this.write({ type: 'submit', node: id, command });
    return super.submit(id, command);
  }
  override crash(id: NodeId): void {
    this.write({ type: 'crash', node: id });
    super.crash(id);
  }
  override restart(id: NodeId): void {
    this.write({ type: 'restart', node: id });
    super.restart(id);
  }
  override expireElectionTimer(id: NodeId): void {
    this.write({ type: 'expireElectionTimer', node: id });
    super.expireElectionTimer(id);
  }
  override disconnect(id: NodeId): void {
    this.write({ type: 'disconnect', node: id });
    super.disconnect(id);
  }
  override reconnect(id: NodeId): void {
    this.write({ type: 'reconnect', node: id });
    super.reconnect(id);
  }
  override partition(...groups: NodeId[][]): void {
    this.write({ type: 'partition', groups: groups.map((g) => [...g]) });
    super.partition(...groups);
  }
  override heal(): void {
    this.write({ type: 'heal' });
    super.heal();
  }
  override setLink(from: NodeId, to: NodeId, up: boolean): void {
    this.write({ type: 'setLink', from, to, up });
    super.setLink(from, to, up);
  }
  override setNetwork(opts: NetworkOptions): void {
    this.write({ type: 'setNetwork', network: { ...opts } });
    super.setNetwork(opts);
  }
  override dropMessage(id: number): void {
    this.write({ type: 'dropMessage', id });
    super.dropMessage(id);
  }
  override kvClient(opts: KvClientOptions = {}): KvClient {
    const { attemptTimeoutMs, deadlineMs, pinnedTo } = opts;
    this.write({
      type: 'addClient',
      ...(attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs }),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      ...(pinnedTo === undefined ? {} : { pinnedTo }),
    });
    return super.kvClient(opts);
  }
  override kvCall(client: string, command: KvCommand): KvOp {
    this.write({ type: 'kv', client, command });
    return super.kvCall(client, command);
  }
}
