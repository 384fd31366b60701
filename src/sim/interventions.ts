/**
 * User interventions as plain data, so a run is the config, the seed and this list with
 * when each happened: replaying it reproduces the run (share links, trace comparison).
 */
import type { KvCommand } from '../kv/types';
import type { NodeId } from '../raft/types';
import type { NetworkOptions } from './network';

export type Intervention =
  | {
      readonly type: 'crash' | 'restart' | 'disconnect' | 'reconnect' | 'expire';
      readonly node: NodeId;
    }
  | { readonly type: 'partition'; readonly groups: NodeId[][] }
  | { readonly type: 'heal' }
  | { readonly type: 'setLink'; readonly from: NodeId; readonly to: NodeId; readonly up: boolean }
  | { readonly type: 'setNetwork'; readonly network: NetworkOptions }
  | { readonly type: 'submit'; readonly node: NodeId; readonly command: unknown }
  | { readonly type: 'dropMessage'; readonly id: number }
  | { readonly type: 'addClient'; readonly attemptTimeoutMs?: number; readonly deadlineMs?: number }
  | { readonly type: 'kv'; readonly client: string; readonly command: KvCommand };

/**
 * An intervention with the moment it happens: at virtual time `at`, and, when recorded
 * from a run, after exactly `pops` queue events (events at the same instant as `at` may
 * come before or after it). A hand-written script may give `at` alone: then every event
 * due by `at` runs first.
 */
export interface RecordedIntervention {
  readonly pops?: number;
  readonly at: number;
  readonly action: Intervention;
}

/** What a cluster must offer for interventions to be applied to it (sync or async). */
export interface InterventionTarget<R> {
  crash(id: NodeId): R;
  restart(id: NodeId): R;
  expireElectionTimer(id: NodeId): R;
  submit(id: NodeId, command: unknown): unknown;
  disconnect(id: NodeId): void;
  reconnect(id: NodeId): void;
  partition(...groups: NodeId[][]): void;
  heal(): void;
  setLink(from: NodeId, to: NodeId, up: boolean): void;
  setNetwork(opts: NetworkOptions): void;
  dropMessage(id: number): void;
  kvClient(opts?: { attemptTimeoutMs?: number; deadlineMs?: number }): { readonly id: string };
  kvCall(client: string, command: KvCommand): unknown;
}

/** Applies one intervention; node-touching ones may return a promise (async hosts). */
export function applyIntervention<R>(target: InterventionTarget<R>, a: Intervention): R | unknown {
  switch (a.type) {
    case 'crash':
      return target.crash(a.node);
    case 'restart':
      return target.restart(a.node);
    case 'expire':
      return target.expireElectionTimer(a.node);
    case 'submit':
      return target.submit(a.node, a.command);
    case 'disconnect':
      return target.disconnect(a.node);
    case 'reconnect':
      return target.reconnect(a.node);
    case 'partition':
      return target.partition(...a.groups);
    case 'heal':
      return target.heal();
    case 'setLink':
      return target.setLink(a.from, a.to, a.up);
    case 'setNetwork':
      return target.setNetwork(a.network);
    case 'dropMessage':
      return target.dropMessage(a.id);
    case 'addClient':
      return target.kvClient({
        ...(a.attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs: a.attemptTimeoutMs }),
        ...(a.deadlineMs === undefined ? {} : { deadlineMs: a.deadlineMs }),
      });
    case 'kv':
      return target.kvCall(a.client, a.command);
  }
}

/** A sentence saying why an intervention cannot apply to this cluster, or null. */
export function interventionProblem(
  a: Intervention,
  size: number,
  clients: readonly string[],
): string | null {
  const node = (id: unknown) =>
    Number.isInteger(id) && (id as number) >= 0 && (id as number) < size
      ? null
      : `no node ${String(id)}: node ids are 0 .. ${size - 1}`;
  switch (a.type) {
    case 'crash':
    case 'restart':
    case 'disconnect':
    case 'reconnect':
    case 'expire':
    case 'submit':
      return node(a.node);
    case 'setLink':
      return (
        node(a.from) ??
        node(a.to) ??
        (typeof a.up === 'boolean' ? null : 'setLink needs up: true or false')
      );
    case 'partition':
      if (!Array.isArray(a.groups) || !a.groups.every(Array.isArray))
        return 'a partition is a list of groups of node ids';
      for (const group of a.groups) for (const id of group) if (node(id) !== null) return node(id);
      return null;
    case 'dropMessage':
      return Number.isInteger(a.id) ? null : `a message id is a whole number, got ${String(a.id)}`;
    case 'kv':
      return clients.includes(a.client)
        ? null
        : `no KV client ${a.client}: clients are ${clients.join(', ') || 'none yet'}`;
    case 'heal':
    case 'setNetwork':
    case 'addClient':
      return null;
    default:
      return `unknown intervention ${JSON.stringify((a as { type?: unknown }).type)}`;
  }
}
