/**
 * What a scenario runs against: the cluster, its KV clients and their calls, and the words
 * that name nodes (1-based, as people read them: node 1 is S1, harness id 0) and messages.
 */
import type { Cluster, KvClient, KvOp, MessageView, NodeId } from '../index';
import type { Intervention } from '../interventions';
import { ScenarioError } from './parse';
import { DEFAULT_FILTER, type TraceFilter } from './render';

export interface World {
  readonly cluster: Cluster;
  readonly clients: Map<string, { readonly client: KvClient; readonly ops: KvOp[] }>;
  /** Trace length when the current block began: `sent` counts from there. */
  blockTraceStart: number;
  /** Violations already printed (a scenario with a rule switched off prints each once). */
  violationsShown: number;
  filter: TraceFilter;
  /** Called with each intervention before it applies (the runner records the run). */
  record?: (action: Intervention) => void;
}

export function newWorld(cluster: Cluster): World {
  return {
    cluster,
    clients: new Map(),
    blockTraceStart: 0,
    violationsShown: 0,
    filter: DEFAULT_FILTER,
  };
}

/** A node as written: its number (1-based), or `leader` (whoever leads when it runs). */
export type NodeRef = number | 'leader';

export function parseNodeRef(w: string | undefined, line: number, what = 'a node'): NodeRef {
  if (w === 'leader') return 'leader';
  if (w !== undefined && /^[1-9]\d*$/.test(w)) return Number(w);
  throw new ScenarioError(
    line,
    `expected ${what}: a node number (1 is S1) or leader, got ${w ?? 'nothing'}`,
  );
}

export function resolveNode(world: World, ref: NodeRef, line: number): NodeId {
  const c = world.cluster;
  if (ref === 'leader') {
    const id = c.leader();
    if (id === null) throw new ScenarioError(line, 'no node leads now, so `leader` names nobody');
    return id;
  }
  if (ref > c.size)
    throw new ScenarioError(line, `no node ${ref}: this cluster has nodes 1..${c.size}`);
  return ref - 1;
}

/** Nodes as written: `all`, `majority`, `leader`, `1,2,3`, `all except 2`. */
export type NodeSet =
  | { readonly kind: 'all' | 'majority'; readonly except: readonly NodeRef[] }
  | { readonly kind: 'list'; readonly nodes: readonly NodeRef[] };

export function parseNodeList(w: string | undefined, line: number): NodeRef[] {
  if (w === undefined || w === '') throw new ScenarioError(line, 'expected nodes like 1,2,3');
  return w.split(',').map((x) => parseNodeRef(x, line));
}

/** Parses `[on SET]` at `words[i]`; `all` when absent. */
export function parseNodeSet(words: readonly string[], line: number): NodeSet {
  if (words.length === 0) return { kind: 'all', except: [] };
  if (words[0] !== 'on')
    throw new ScenarioError(line, `expected "on NODES", got ${words.join(' ')}`);
  const [, first, ...rest] = words;
  if (first === 'all' || first === 'majority') {
    if (rest.length === 0) return { kind: first, except: [] };
    if (rest[0] === 'except' && rest.length === 2)
      return { kind: first, except: parseNodeList(rest[1], line) };
    throw new ScenarioError(
      line,
      `expected "on ${first}" or "on ${first} except 1,2", got ${words.join(' ')}`,
    );
  }
  if (rest.length > 0)
    throw new ScenarioError(line, `unexpected words after the nodes: ${rest.join(' ')}`);
  if (first === undefined || !/^(leader|[1-9]\d*)(,(leader|[1-9]\d*))*$/.test(first))
    throw new ScenarioError(
      line,
      `expected nodes after on: all, majority, all except 1,2, leader, or 1,2,3; got ${first ?? 'nothing'}`,
    );
  return { kind: 'list', nodes: parseNodeList(first, line) };
}

export function resolveSet(world: World, s: NodeSet, line: number): NodeId[] {
  if (s.kind === 'list') return s.nodes.map((r) => resolveNode(world, r, line));
  const except = new Set(s.except.map((r) => resolveNode(world, r, line)));
  return Array.from({ length: world.cluster.size }, (_, i) => i).filter((i) => !except.has(i));
}

/** Which messages a `hold`, `release`, `drop held`, `sent` or `inflight` means. */
export interface MessageFilter {
  readonly type: string;
  readonly from: readonly (NodeRef | string)[] | null;
  readonly to: readonly (NodeRef | string)[] | null;
  readonly flags: readonly string[];
}

const MESSAGE_FLAGS: Record<string, (p: Record<string, unknown>) => boolean> = {
  nonempty: (p) => Array.isArray(p.entries) && p.entries.length > 0,
  empty: (p) => Array.isArray(p.entries) && p.entries.length === 0,
  granted: (p) => p.voteGranted === true,
  success: (p) => p.success === true,
  done: (p) => p.status === 'done',
};

const isClient = (w: string) => /^c[1-9]\d*$/.test(w);

function parseEndpoints(w: string | undefined, line: number): (NodeRef | string)[] {
  if (w === undefined) throw new ScenarioError(line, 'expected nodes or clients like 1,2 or c1');
  return w.split(',').map((x) => (isClient(x) ? x : parseNodeRef(x, line, 'a node or a client')));
}

/** `TYPE [from 1,2] [to 3|c1] [nonempty|empty|granted|success|done]...`; TYPE may be `any`. */
export function parseMessageFilter(words: readonly string[], line: number): MessageFilter {
  const [type, ...rest] = words;
  if (type === undefined || !/^(any|[A-Z]\w*)$/.test(type))
    throw new ScenarioError(
      line,
      `expected a message type (AppendEntries, RequestVote, …, or any), got ${type ?? 'nothing'}`,
    );
  let from: (NodeRef | string)[] | null = null;
  let to: (NodeRef | string)[] | null = null;
  const flags: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === 'from') from = parseEndpoints(rest[++i], line);
    else if (w === 'to') to = parseEndpoints(rest[++i], line);
    else if (w in MESSAGE_FLAGS) flags.push(w);
    else
      throw new ScenarioError(
        line,
        `expected from, to, or one of ${Object.keys(MESSAGE_FLAGS).join(', ')}; got ${w}`,
      );
  }
  return { type, from, to, flags };
}

/** The filter as a predicate, its nodes resolved now. */
export function messagePredicate(world: World, f: MessageFilter, line: number) {
  const ends = (l: readonly (NodeRef | string)[] | null) =>
    l === null
      ? null
      : l.map((x) =>
          typeof x === 'string' && isClient(x) ? x : resolveNode(world, x as NodeRef, line),
        );
  const from = ends(f.from);
  const to = ends(f.to);
  return (m: Pick<MessageView, 'type' | 'from' | 'to' | 'payload'>): boolean =>
    (f.type === 'any' || m.type === f.type) &&
    (from === null || from.includes(m.from)) &&
    (to === null || to.includes(m.to)) &&
    f.flags.every((flag) => MESSAGE_FLAGS[flag]!(m.payload));
}
