/**
 * Every action a user, a script or a link can take on a cluster, defined once in one table:
 * its arguments, the sentence for bad ones, and the cluster method it calls. Interventions
 * are plain data, so a run is its config, its seed and this list with when each happened:
 * replaying it reproduces the run (share links, records, trace comparison). An action is
 * named after the harness method it calls, so one name holds everywhere; what the page
 * says for each is in ui/events (a table over the same names, checked by the compiler).
 */
import type { KvCommand } from '../kv/types';
import type { NodeId } from '../raft/types';
import type { NetworkOptions } from './network';

/** Each action's arguments. */
export interface ActionArgs {
  crash: { readonly node: NodeId };
  restart: { readonly node: NodeId };
  /** The node's election timeout fires now (nothing for a leader or a crashed node). */
  expireElectionTimer: { readonly node: NodeId };
  disconnect: { readonly node: NodeId };
  reconnect: { readonly node: NodeId };
  submit: { readonly node: NodeId; readonly command: unknown };
  /** Leadership transfer (§3.10): the leader `from` hands over to `to`. */
  transferLeadership: { readonly from: NodeId; readonly to: NodeId };
  partition: { readonly groups: NodeId[][] };
  heal: Record<never, never>;
  setLink: { readonly from: NodeId; readonly to: NodeId; readonly up: boolean };
  setNetwork: { readonly network: NetworkOptions };
  dropMessage: { readonly id: number };
  /** A new KV client (the harness's kvClient). */
  addClient: {
    readonly attemptTimeoutMs?: number;
    readonly deadlineMs?: number;
    /** Every try to this node only (a client on one side of a partition). */
    readonly pinnedTo?: NodeId;
  };
  /** A KV command from a client. */
  kv: { readonly client: string; readonly command: KvCommand };
}

export type ActionName = keyof ActionArgs;

export type Intervention = {
  [K in ActionName]: { readonly type: K } & ActionArgs[K];
}[ActionName];

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
  transferLeadership(from: NodeId, to: NodeId): unknown;
  disconnect(id: NodeId): void;
  reconnect(id: NodeId): void;
  partition(...groups: NodeId[][]): void;
  heal(): void;
  setLink(from: NodeId, to: NodeId, up: boolean): void;
  setNetwork(opts: NetworkOptions): void;
  dropMessage(id: number): void;
  kvClient(opts?: { attemptTimeoutMs?: number; deadlineMs?: number; pinnedTo?: NodeId }): {
    readonly id: string;
  };
  kvCall(client: string, command: KvCommand): unknown;
}

/** What an action's check may know of the cluster. */
export interface ActionContext {
  readonly size: number;
  readonly clients: readonly string[];
}

interface ActionSpec<K extends ActionName> {
  /** A sentence saying why these arguments cannot apply, or null. */
  check(a: ActionArgs[K], ctx: ActionContext): string | null;
  apply<R>(target: InterventionTarget<R>, a: ActionArgs[K]): unknown;
}

type ActionTable = { readonly [K in ActionName]: ActionSpec<K> };

function nodeProblem(id: unknown, size: number): string | null {
  return Number.isInteger(id) && (id as number) >= 0 && (id as number) < size
    ? null
    : `no node ${String(id)}: node ids are 0 .. ${size - 1}`;
}

const onNode = <K extends 'crash' | 'restart' | 'expireElectionTimer' | 'disconnect' | 'reconnect'>(
  name: K,
): ActionSpec<K> => ({
  check: (a, ctx) => nodeProblem(a.node, ctx.size),
  apply: (target, a) => target[name](a.node),
});

const always = () => null;

export const ACTIONS: ActionTable = {
  crash: onNode('crash'),
  restart: onNode('restart'),
  expireElectionTimer: onNode('expireElectionTimer'),
  disconnect: onNode('disconnect'),
  reconnect: onNode('reconnect'),
  submit: {
    check: (a, ctx) => nodeProblem(a.node, ctx.size),
    apply: (target, a) => target.submit(a.node, a.command),
  },
  transferLeadership: {
    check: (a, ctx) =>
      nodeProblem(a.from, ctx.size) ??
      nodeProblem(a.to, ctx.size) ??
      (a.from === a.to ? `node ${a.from} cannot hand leadership over to itself` : null),
    apply: (target, a) => target.transferLeadership(a.from, a.to),
  },
  partition: {
    check: (a, ctx) => {
      if (!Array.isArray(a.groups) || !a.groups.every(Array.isArray))
        return 'a partition is a list of groups of node ids';
      for (const group of a.groups) {
        for (const id of group) {
          const problem = nodeProblem(id, ctx.size);
          if (problem !== null) return problem;
        }
      }
      return null;
    },
    apply: (target, a) => target.partition(...a.groups),
  },
  heal: { check: always, apply: (target) => target.heal() },
  setLink: {
    check: (a, ctx) =>
      nodeProblem(a.from, ctx.size) ??
      nodeProblem(a.to, ctx.size) ??
      (typeof a.up === 'boolean' ? null : 'setLink needs up: true or false'),
    apply: (target, a) => target.setLink(a.from, a.to, a.up),
  },
  setNetwork: {
    check: (a) =>
      typeof a.network === 'object' && a.network !== null
        ? null
        : 'setNetwork needs network settings',
    apply: (target, a) => target.setNetwork(a.network),
  },
  dropMessage: {
    check: (a) =>
      Number.isInteger(a.id) ? null : `a message id is a whole number, got ${String(a.id)}`,
    apply: (target, a) => target.dropMessage(a.id),
  },
  addClient: {
    check: (a, ctx) => (a.pinnedTo === undefined ? null : nodeProblem(a.pinnedTo, ctx.size)),
    apply: (target, a) =>
      target.kvClient({
        ...(a.attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs: a.attemptTimeoutMs }),
        ...(a.deadlineMs === undefined ? {} : { deadlineMs: a.deadlineMs }),
        ...(a.pinnedTo === undefined ? {} : { pinnedTo: a.pinnedTo }),
      }),
  },
  kv: {
    check: (a, ctx) =>
      ctx.clients.includes(a.client)
        ? null
        : `no KV client ${a.client}: clients are ${ctx.clients.join(', ') || 'none yet'}`,
    apply: (target, a) => target.kvCall(a.client, a.command),
  },
};

export function isActionName(name: unknown): name is ActionName {
  return typeof name === 'string' && Object.hasOwn(ACTIONS, name);
}

/** The spec of an intervention's action (one cast, here, instead of a switch per use). */
function specOf(a: Intervention): ActionSpec<ActionName> {
  return ACTIONS[a.type] as unknown as ActionSpec<ActionName>;
}

/** Applies one intervention; node-touching ones may return a promise (async hosts). */
export function applyIntervention<R>(target: InterventionTarget<R>, a: Intervention): R | unknown {
  return specOf(a).apply(target, a as never);
}

/** A sentence saying why an intervention cannot apply to this cluster, or null. */
export function interventionProblem(
  a: Intervention,
  size: number,
  clients: readonly string[],
): string | null {
  const type = (a as { type?: unknown } | null)?.type;
  if (!isActionName(type)) return `unknown intervention ${JSON.stringify(type)}`;
  return specOf(a).check(a as never, { size, clients });
}

/** Names earlier versions wrote in links and records, and the one name each has now. */
const FORMER_NAMES: Readonly<Record<string, ActionName>> = { expire: 'expireElectionTimer' };

/** An intervention read from a link or a record, with any former action name made current. */
export function currentIntervention(a: Intervention): Intervention {
  const former = FORMER_NAMES[(a as { type: string }).type];
  return former === undefined ? a : ({ ...a, type: former } as Intervention);
}
