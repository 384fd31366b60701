/**
 * What a lesson looks at while it plays: the same questions of a cluster in the headless
 * checker (a SimCluster, here) and in the page (its views). Node references of a lesson
 * (S1 … S9, "leader") become node ids here.
 */
import type { NodeId, Role } from '../raft/types';
import type { SimCluster } from '../sim/cluster';
import type { Endpoint, TraceEvent } from '../sim/trace';
import { nodeName } from '../util/node-name';

export interface WorldNode {
  readonly alive: boolean;
  readonly role: Role;
  readonly term: number;
  readonly commitIndex: number;
}

export interface LessonWorld {
  readonly size: number;
  readonly now: number;
  leader(): NodeId | null;
  node(id: NodeId): WorldNode;
  inFlight(): readonly { readonly type: string; readonly from: Endpoint; readonly to: Endpoint }[];
  /** The applied key/value contents of a node. */
  kv(id: NodeId): Readonly<Record<string, string>>;
  /** The KV clients made so far (c1, c2, …). */
  clients(): readonly string[];
  /** What the invariant checker found broken so far, in its words. */
  violations(): readonly string[];
  /** Every trace event since the world was made; `events.length` marks a moment. */
  readonly events: readonly TraceEvent[];
}

/** Where node references are resolved: "leader" is the leader of that moment. */
export interface RefContext {
  readonly size: number;
  readonly leader: NodeId | null;
}

/** The node id of a reference, or a sentence saying why there is none. */
export function resolveRef(ref: string, ctx: RefContext): NodeId | string {
  if (ref === 'leader') return ctx.leader ?? 'there is no leader to point at';
  const id = Number(ref.slice(1)) - 1;
  return id < ctx.size ? id : `there is no ${ref}: this cluster has S1 … ${nodeName(ctx.size - 1)}`;
}

/** A SimCluster as a lesson sees it (the checker's world). */
export function simWorld(cluster: SimCluster): LessonWorld {
  const events: TraceEvent[] = [];
  cluster.onEvent((e) => events.push(e));
  return {
    get size() {
      return cluster.size;
    },
    get now() {
      return cluster.now;
    },
    leader: () => cluster.leader(),
    node: (id) => cluster.node(id),
    inFlight: () => cluster.inFlight(),
    kv: (id) => cluster.kvState(id),
    clients: () => cluster.kvClientIds(),
    violations: () => cluster.violations(),
    events,
  };
}
