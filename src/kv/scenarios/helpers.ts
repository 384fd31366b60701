/**
 * Helpers for the KV scenario tests: run an op to its end, read client traffic from the
 * trace, wait for replicas to agree. Public harness only (`createCluster` and its API).
 */
import type {
  createCluster,
  KvOp,
  KvResult,
  MessageView,
  NodeId,
  TraceEvent,
} from '../../sim/index';
import type { ClientReply, ClientRequest, KvResponse } from '../types';

export type Sim = ReturnType<typeof createCluster>;

/** Every node id of the cluster. */
export function ids(c: Sim): NodeId[] {
  return Array.from({ length: c.size }, (_, i) => i);
}

/** Runs until `op` settles (at most `maxMs`); throws if it does not. */
export function settle(c: Sim, op: KvOp, maxMs = 5000): KvOp {
  if (!c.runUntil(() => op.done, maxMs)) {
    throw new Error(`op still pending after ${maxMs} ms (t=${c.now})`);
  }
  return op;
}

/** Runs `op` to its end, expects outcome ok, and returns its result. */
export function ok(c: Sim, op: KvOp, maxMs = 5000): KvResult {
  settle(c, op, maxMs);
  if (op.outcome !== 'ok') throw new Error(`op ended ${op.outcome}: ${op.error ?? ''}`);
  return op.result!;
}

/** A leader that committed an entry of its own term (so a majority knows it); its id. */
export function electLeader(c: Sim, maxMs = 2000): NodeId {
  const settled = (): NodeId | null => {
    const id = c.leader();
    if (id === null) return null;
    const v = c.node(id);
    const last = v.log[v.log.length - 1];
    return last !== undefined && last.term === v.term && v.commitIndex === v.log.length ? id : null;
  };
  if (!c.runUntil(() => settled() !== null, maxMs)) {
    throw new Error(`no leader settled within ${maxMs} ms (t=${c.now})`);
  }
  return settled()!;
}

/** Whether the listed nodes are alive, applied their whole log, and hold equal KV contents. */
export function kvConverged(c: Sim, nodes: readonly NodeId[] = ids(c)): boolean {
  const views = nodes.map((id) => c.node(id));
  const length = views[0]!.log.length;
  if (!views.every((v) => v.alive && v.log.length === length && v.lastApplied === length)) {
    return false;
  }
  const first = JSON.stringify(c.kvState(nodes[0]!));
  return nodes.every((id) => JSON.stringify(c.kvState(id)) === first);
}

/** Runs until `kvConverged`; throws if that takes longer than `maxMs`. */
export function converge(c: Sim, nodes: readonly NodeId[] = ids(c), maxMs = 3000): void {
  if (!c.runUntil(() => kvConverged(c, nodes), maxMs)) {
    throw new Error(`replicas did not converge within ${maxMs} ms (t=${c.now})`);
  }
}

type SendEvent = Extract<TraceEvent, { kind: 'send' }>;

export interface Sent<M> {
  readonly t: number;
  readonly id: number;
  readonly from: NodeId | string;
  readonly to: NodeId | string;
  readonly message: M;
}

function sends<M>(c: Sim, type: string, match: (e: SendEvent) => boolean): Sent<M>[] {
  return c
    .trace()
    .filter((e): e is SendEvent => e.kind === 'send' && e.type === type && match(e))
    .map((e) => ({ t: e.t, id: e.id, from: e.from, to: e.to, message: e.message as M }));
}

/** Requests the client sent at or after `sinceT` (copies of duplicated messages left out). */
export function requestsFrom(c: Sim, client: string, sinceT = 0): Sent<ClientRequest>[] {
  return sends(c, 'ClientRequest', (e) => e.from === client && e.t >= sinceT && !e.duplicateOf);
}

/** Replies sent to the client at or after `sinceT` (copies of duplicated messages left out). */
export function repliesTo(c: Sim, client: string, sinceT = 0): Sent<ClientReply>[] {
  return sends(c, 'ClientReply', (e) => e.to === client && e.t >= sinceT && !e.duplicateOf);
}

/** The 'done' replies to `client` for sequence number `seq`, with who sent them. */
export function doneReplies(
  c: Sim,
  client: string,
  seq: number,
  sinceT = 0,
): Array<{ from: NodeId | string; response: KvResponse }> {
  return repliesTo(c, client, sinceT).flatMap(({ from, message }) =>
    message.status === 'done' && message.seq === seq ? [{ from, response: message.response }] : [],
  );
}

/** The session id the cluster gave this client (from its latest 'registered' reply). */
export function sessionOf(c: Sim, client: string): number {
  const registered = repliesTo(c, client).filter((r) => r.message.status === 'registered');
  const last = registered.at(-1)?.message;
  if (last?.status !== 'registered') throw new Error(`${client} never registered`);
  return last.session;
}

/** A 'done' ClientReply on its way to `client`. */
export const isDoneReplyTo =
  (client: string) =>
  (m: MessageView): boolean =>
    m.type === 'ClientReply' && m.to === client && m.payload.status === 'done';

/** Runs until a message matching `pred` waits in a hold; returns the held messages. */
export function runUntilHeld(
  c: Sim,
  pred: (m: MessageView) => boolean,
  maxMs = 1000,
): MessageView[] {
  const held = () => c.inFlight().filter((m) => m.held && pred(m));
  if (!c.runUntil(() => held().length > 0, maxMs)) {
    throw new Error(`nothing matching was held within ${maxMs} ms (t=${c.now})`);
  }
  return held();
}

/** Log entries carrying this session's command with this sequence number. */
export function entriesFor(c: Sim, node: NodeId, session: number, seq: number): number[] {
  return c
    .node(node)
    .log.filter((e) => {
      const cmd = e.command as { kind?: string; session?: number; seq?: number } | null;
      return cmd?.kind === 'kv' && cmd.session === session && cmd.seq === seq;
    })
    .map((e) => e.index);
}

/** A deep copy of a message payload, as an old copy of it lingering in the network. */
export function copyOf(payload: Record<string, unknown>): ClientRequest {
  return structuredClone(payload) as unknown as ClientRequest;
}
