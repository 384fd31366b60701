/**
 * Small helpers for the scenario tests. They use the public harness only (`Cluster`), so a
 * scenario reads the same whatever host runs the nodes.
 */
import type { Cluster, Entry, NodeId, TraceEvent } from '../index';

/** Every node id of the cluster. */
export function ids(c: Cluster): NodeId[] {
  return Array.from({ length: c.size }, (_, i) => i);
}

/** The leader of the highest term, once it has committed an entry of its own term. */
export function settledLeader(c: Cluster): NodeId | null {
  const id = c.leader();
  if (id === null) return null;
  const v = c.node(id);
  const last = v.log[v.log.length - 1];
  return last !== undefined && last.term === v.term && v.commitIndex === v.log.length ? id : null;
}

/** Runs until a leader has committed its no-op (so it is known to a majority); its id. */
export function electLeader(c: Cluster, maxMs = 1000): NodeId {
  if (!c.runUntil(() => settledLeader(c) !== null, maxMs)) {
    throw new Error(`no leader settled within ${maxMs} ms (t=${c.now})`);
  }
  return settledLeader(c)!;
}

/** The client commands (no-ops left out) this node's current incarnation applied, in order. */
export function commands(c: Cluster, id: NodeId): unknown[] {
  return c
    .applied(id)
    .filter((e) => e.command !== null)
    .map((e) => e.command);
}

/** The client commands (no-ops left out) in a node's log, committed or not. */
export function logCommands(c: Cluster, id: NodeId): unknown[] {
  return c
    .node(id)
    .log.filter((e) => e.command !== null)
    .map((e) => e.command);
}

type SendEvent = Extract<TraceEvent, { kind: 'send' }>;

/** Messages of `type` sent at or after `sinceT` (optionally only those to `to`). */
export function sent(c: Cluster, type: string, sinceT = 0, to?: NodeId): SendEvent[] {
  return c
    .trace()
    .filter(
      (e): e is SendEvent =>
        e.kind === 'send' && e.type === type && e.t >= sinceT && (to === undefined || e.to === to),
    );
}

/** How many messages of `type` were sent at or after `sinceT` (optionally only to `to`). */
export function countSent(c: Cluster, type: string, sinceT = 0, to?: NodeId): number {
  return sent(c, type, sinceT, to).length;
}

/** The terms in which each node became leader, from the trace: term -> leaders. */
export function leadersByTerm(c: Cluster): Map<number, NodeId[]> {
  const byTerm = new Map<number, NodeId[]>();
  for (const e of c.trace()) {
    if (e.kind !== 'role' || e.role !== 'leader') continue;
    byTerm.set(e.term, [...(byTerm.get(e.term) ?? []), e.node]);
  }
  return byTerm;
}

/** Whether every listed node has applied `command` (in its current incarnation). */
export function appliedBy(c: Cluster, nodes: readonly NodeId[], command: unknown): boolean {
  return nodes.every((id) => commands(c, id).includes(command));
}

/** Runs until every listed node applied `command`; false on timeout. */
export function runUntilApplied(
  c: Cluster,
  nodes: readonly NodeId[],
  command: unknown,
  maxMs = 1000,
): boolean {
  return c.runUntil(() => appliedBy(c, nodes, command), maxMs);
}

/** The log of a node as [index, term, command] triples, for readable comparisons. */
export function logOf(c: Cluster, id: NodeId): Array<[number, number, unknown]> {
  return c.node(id).log.map((e: Entry) => [e.index, e.term, e.command]);
}

/** Whether the listed nodes hold identical logs and have committed all of it. */
export function logsConverged(c: Cluster, nodes: readonly NodeId[] = ids(c)): boolean {
  const first = JSON.stringify(c.node(nodes[0]!).log);
  return nodes.every((id) => {
    const v = c.node(id);
    return v.alive && v.commitIndex === v.log.length && JSON.stringify(v.log) === first;
  });
}

/**
 * Like 6.824's `one()`: submits `command` to whichever alive node accepts it and waits for
 * every node in `nodes` to apply it; retries with another leader until `maxMs` pass.
 */
export function one(
  c: Cluster,
  command: unknown,
  nodes: readonly NodeId[] = ids(c),
  maxMs = 10_000,
): boolean {
  const end = c.now + maxMs;
  for (let attempt = 0; c.now < end; attempt++) {
    // Start with a different node each attempt, so a stale leader does not take every try.
    const order = ids(c).map((_, i) => (i + attempt) % c.size);
    const accepted = order.some((id) => c.node(id).alive && c.submit(id, command).accepted);
    if (!accepted) {
      c.run(Math.min(50, end - c.now));
      continue;
    }
    if (runUntilApplied(c, nodes, command, Math.min(2000, end - c.now))) return true;
  }
  return false;
}

/** A tiny seeded PRNG (mulberry32) for a test's own random choices. */
export function testRng(seed: number): { next(): number; int(n: number): number } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}
