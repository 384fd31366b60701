/**
 * Conditions, shared by `expect COND` (must hold now) and `run until COND` (run until it
 * holds). Each parses its words at load time and, when checked, answers null (it holds) or
 * what is the case instead, in words.
 */
import { checkLinearizability } from '../../check/linearizability';
import { nodeName } from '../../util/node-name';
import type { NodeId, NodeView } from '../index';
import { ScenarioError } from './parse';
import { commandText, resultText, word } from './render';
import {
  type MessageFilter,
  messagePredicate,
  parseMessageFilter,
  parseNodeRef,
  parseNodeSet,
  resolveNode,
  resolveSet,
  type World,
} from './world';

/** null when the condition holds, else what is the case instead. */
export type Check = (world: World, line: number) => string | null;

const OPS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
};

function parseNumber(w: string | undefined, line: number, what: string): number {
  const n = Number(w);
  if (w === undefined || w === '' || !Number.isFinite(n))
    throw new ScenarioError(line, `expected ${what}, got ${w ?? 'nothing'}`);
  return n;
}

/** `[OP] N`, OP one of = != >= <= > < (default =); the words it used. */
function parseComparison(ws: readonly string[], line: number, what: string) {
  const hasOp = ws[0] !== undefined && ws[0] in OPS;
  const op = hasOp ? ws[0]! : '=';
  const n = parseNumber(ws[hasOp ? 1 : 0], line, what);
  return { op, n, used: hasOp ? 2 : 1 };
}

type Prop = (v: NodeView) => string | number;
const NUMERIC: Record<string, Prop> = {
  term: (v) => v.term,
  commit: (v) => v.commitIndex,
  applied: (v) => v.lastApplied,
  log: (v) => v.log.length,
};
const WORDS: Record<string, Prop> = {
  role: (v) => v.role,
  voted: (v) => (v.votedFor === null ? 'none' : String(v.votedFor + 1)),
  alive: (v) => (v.alive ? 'yes' : 'no'),
};

/** Checks `value(node)` against `want` on every node of the set (or a majority of all). */
function overNodes(
  ws: readonly string[],
  line: number,
  value: (w: World, id: NodeId) => string,
  holds: (actual: string) => boolean,
): Check {
  const set = parseNodeSet(ws, line);
  return (world) => {
    const nodes = resolveSet(world, set, line);
    const actual = nodes.map((id) => ({ id, v: value(world, id) }));
    const ok = actual.filter((a) => holds(a.v)).length;
    const need = set.kind === 'majority' ? Math.floor(world.cluster.size / 2) + 1 : nodes.length;
    if (ok >= need) return null;
    const of = set.kind === 'majority' ? `only ${ok} of ${world.cluster.size} hold: ` : '';
    return of + actual.map((a) => `${nodeName(a.id)} ${a.v}`).join(', ');
  };
}

function nodeProp(name: string, ws: readonly string[], line: number): Check {
  const view = (w: World, id: NodeId) => w.cluster.node(id);
  const numeric = NUMERIC[name === 'committed' ? 'commit' : name];
  if (numeric !== undefined) {
    const cmp =
      name === 'committed'
        ? { ...parseComparison(ws, line, 'an index'), op: '>=' }
        : parseComparison(ws, line, `a number for ${name}`);
    return overNodes(
      ws.slice(cmp.used),
      line,
      (w, id) => String(numeric(view(w, id))),
      (a) => OPS[cmp.op]!(Number(a), cmp.n),
    );
  }
  const prop = WORDS[name]!;
  const negate = ws[0] === '!=';
  const rest = ws[0] === '=' || negate ? ws.slice(1) : ws;
  const want = rest[0];
  if (want === undefined) throw new ScenarioError(line, `expected a value for ${name}`);
  return overNodes(
    rest.slice(1),
    line,
    (w, id) => String(prop(view(w, id))),
    (a) => (a === want) !== negate,
  );
}

const list = (xs: readonly unknown[]) => (xs.length === 0 ? 'none' : xs.map(commandText).join(','));

function commandsOf(world: World, id: NodeId, inLog: boolean): unknown[] {
  const entries = inLog ? world.cluster.node(id).log : world.cluster.applied(id);
  return entries.filter((e) => e.command !== null).map((e) => e.command);
}

function storeText(s: Record<string, string>): string {
  const keys = Object.keys(s).sort();
  return keys.length === 0 ? 'empty' : keys.map((k) => `${word(k)}=${word(s[k])}`).join(' ');
}

export function converged(world: World, nodes: readonly NodeId[]): boolean {
  const views = nodes.map((id) => world.cluster.node(id));
  const first = JSON.stringify(views[0]!.log);
  return views.every(
    (v) =>
      v.alive &&
      v.commitIndex === v.log.length &&
      v.lastApplied === v.log.length &&
      JSON.stringify(v.log) === first,
  );
}

function settledLeader(world: World): NodeId | null {
  const id = world.cluster.leader();
  if (id === null) return null;
  const v = world.cluster.node(id);
  const last = v.log.at(-1);
  return last !== undefined && last.term === v.term && v.commitIndex === v.log.length ? id : null;
}

function messages(world: World, f: MessageFilter, line: number, held: boolean): string | null {
  const match = messagePredicate(world, f, line);
  const found = world.cluster.inFlight().filter((m) => (!held || m.held) && match(m));
  return found.length > 0 ? null : `no such message ${held ? 'held' : 'in flight'}`;
}

function leaderCondition(ws: readonly string[], line: number): Check {
  const [w, x] = ws;
  const now = (world: World) => {
    const id = world.cluster.leader();
    return id === null ? 'no leader' : `the leader is ${nodeName(id)}`;
  };
  if (w === 'none') return (world) => (world.cluster.leader() === null ? null : now(world));
  if (w === 'any' || w === undefined)
    return (world) => (world.cluster.leader() !== null ? null : now(world));
  const not = w === 'not';
  const ref = parseNodeRef(not ? x : w, line, 'a node, none, any, or not N');
  return (world) => {
    const want = resolveNode(world, ref, line);
    return (world.cluster.leader() === want) !== not ? null : now(world);
  };
}

function clientCondition(client: string, ws: readonly string[], line: number): Check {
  const want = ws.join(' ');
  if (want === '')
    throw new ScenarioError(
      line,
      `expected what ${client}'s last call did: done, pending, ok, fail, unknown, or "ok, prev 1"`,
    );
  return (world) => {
    const entry = world.clients.get(client);
    if (entry === undefined) return `there is no client ${client}`;
    const op = entry.ops.at(-1);
    if (op === undefined) return `${client} made no call`;
    const status = op.done ? op.outcome : 'pending';
    const full =
      status === 'ok'
        ? `ok, ${resultText(op.result)}`
        : op.done
          ? `${status}: ${op.error ?? ''}`
          : 'pending';
    if (want === 'done') return op.done ? null : 'pending';
    if (!want.includes(' ') && !want.includes(':') && !want.includes(','))
      return want === status ? null : full;
    return want === full ? null : full;
  };
}

/**
 * `violated [RULE]`: an invariant broke (the rule its sentence begins with, if named); a
 * run with a rule switched off shows its anomaly so. `violated linearizability`: the KV
 * history is not linearizable.
 */
function violatedCondition(rule: string): Check {
  if (rule === 'linearizability')
    return (w) => {
      const r = checkLinearizability(w.cluster.kvHistory(), { budgetMs: 5000 });
      return r.verdict === 'illegal' ? null : `the history is ${r.verdict}`;
    };
  return (w) => {
    const broken = w.cluster.violations();
    if (broken.some((v) => rule === '' || v.startsWith(`${rule}:`))) return null;
    if (broken.length === 0) return 'no rule broke';
    return `other rules broke: ${[...new Set(broken.map((v) => v.split(':')[0]))].join(', ')}`;
  };
}

/** The condition these words state (the words after `expect` or `run until`). */
export function parseCondition(ws: readonly string[], line: number): Check {
  const [head, ...rest] = ws;
  if (head === undefined)
    throw new ScenarioError(line, 'expected a condition, like leader 3 or term >= 2 on all');
  if (head === 'leader') return leaderCondition(rest, line);
  if (head === 'leaders') {
    const cmp = parseComparison(rest, line, 'a count of leaders');
    return (w) => {
      const all = Array.from({ length: w.cluster.size }, (_, i) => w.cluster.node(i));
      const leaders = all.filter((v) => v.alive && v.role === 'leader').map((v) => nodeName(v.id));
      return OPS[cmp.op]!(leaders.length, cmp.n)
        ? null
        : `leaders: ${leaders.join(', ') || 'none'}`;
    };
  }
  if (head === 'settled')
    return (w) =>
      settledLeader(w) !== null ? null : 'no leader has committed an entry of its term';
  if (head in NUMERIC || head in WORDS || head === 'committed') return nodeProp(head, rest, line);
  if (/^c[1-9]\d*$/.test(head)) return clientCondition(head, rest, line);
  switch (head) {
    case 'violated':
      return violatedCondition(rest.join(' '));
    case 'linearizable': {
      if (rest.length > 0) throw new ScenarioError(line, 'linearizable takes no words');
      return (w) => {
        const r = checkLinearizability(w.cluster.kvHistory(), { budgetMs: 5000 });
        return r.verdict === 'ok' ? null : `the history is ${r.verdict}`;
      };
    }
    case 'converged': {
      const set = parseNodeSet(rest, line);
      return (w) =>
        converged(w, resolveSet(w, set, line))
          ? null
          : 'the logs differ, or are not all committed and applied';
    }
    case 'kv': {
      const [key, eq, value, ...on] = rest;
      if (key === undefined || (eq !== '=' && eq !== 'absent'))
        throw new ScenarioError(line, 'expected kv KEY = VALUE or kv KEY absent');
      const tail = eq === 'absent' ? [value ?? '', ...on].filter((x) => x !== '') : on;
      if (eq === '=' && value === undefined)
        throw new ScenarioError(line, `expected a value after kv ${key} =`);
      return overNodes(
        tail,
        line,
        (w, id) => {
          const v = w.cluster.kvState(id)[key];
          return v === undefined ? 'absent' : word(v);
        },
        (a) => a === (eq === 'absent' ? 'absent' : word(value)),
      );
    }
    case 'store': {
      const on = rest.indexOf('on');
      const want = (on < 0 ? rest : rest.slice(0, on)).join(' ');
      if (want === '') throw new ScenarioError(line, 'expected store k=v k=v, or store empty');
      return overNodes(
        on < 0 ? [] : rest.slice(on),
        line,
        (w, id) => storeText(w.cluster.kvState(id)),
        (a) => a === want,
      );
    }
    case 'commands':
    case 'log-commands': {
      const ws = rest[0] === '=' ? rest.slice(1) : rest;
      const value = (w: World, id: NodeId) => list(commandsOf(w, id, head === 'log-commands'));
      if (ws[0] === 'same') {
        const set = parseNodeSet(ws.slice(1), line);
        return (w) => {
          const lists = resolveSet(w, set, line).map((id) => `${nodeName(id)} ${value(w, id)}`);
          const bare = lists.map((l) => l.slice(l.indexOf(' ') + 1));
          return bare.every((l) => l === bare[0]) ? null : lists.join('; ');
        };
      }
      if (ws[0] === 'has') {
        const item = ws[1];
        if (item === undefined) throw new ScenarioError(line, `expected ${head} has COMMAND`);
        return overNodes(ws.slice(2), line, value, (a) => a.split(',').includes(word(item)));
      }
      const [want, ...on] = ws;
      if (want === undefined)
        throw new ScenarioError(line, `expected ${head} a,b,c | none | same | has X`);
      return overNodes(on, line, value, (a) => a === want);
    }
    case 'sent': {
      const at = rest.findIndex((x) => x in OPS);
      if (at < 0)
        throw new ScenarioError(
          line,
          'expected sent TYPE [from N] [to N] OP COUNT, like sent RequestVote = 0',
        );
      const f = parseMessageFilter(rest.slice(0, at), line);
      const cmp = parseComparison(rest.slice(at), line, 'a count');
      return (w) => {
        const match = messagePredicate(w, f, line);
        const n = w.cluster
          .trace()
          .slice(w.blockTraceStart)
          .filter(
            (e) =>
              e.kind === 'send' &&
              e.duplicateOf === undefined &&
              match({ ...e, payload: e.message as Record<string, unknown> }),
          ).length;
        return OPS[cmp.op]!(n, cmp.n) ? null : `${n} sent in this block`;
      };
    }
    case 'inflight':
    case 'held': {
      if (head === 'inflight' && rest.length === 1 && rest[0] === 'none')
        return (w) =>
          w.cluster.inFlight().length === 0 ? null : `${w.cluster.inFlight().length} in flight`;
      const f = parseMessageFilter(rest, line);
      return (w) => messages(w, f, line, head === 'held');
    }
    default:
      throw new ScenarioError(
        line,
        `unknown condition ${head}: use leader, leaders, settled, converged, linearizable, violated, term, commit, committed, applied, log, role, voted, alive, kv, store, commands, log-commands, sent, inflight, held, or a client (c1)`,
      );
  }
}
