/**
 * The one table of scenario commands: each word, its usage, and how its arguments become
 * an `Intervention` (applied through `applyIntervention`) or a harness call. The parser,
 * the runner, the errors and README.md all follow this table; the action table (issue #7)
 * can later supply the intervention rows.
 */

import { isUnsafeSwitch, UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from '../../raft/unsafe';
import { nodeName } from '../../util/node-name';
import type { ClusterOptions, SubmitResult } from '../index';
import type { Intervention } from '../interventions';
import {
  count,
  expand,
  kvCommand,
  network,
  number,
  options,
  range,
  submitAnswer,
  traceFilter,
  within,
} from './args';
import { type Check, parseCondition } from './conditions';
import { ScenarioError } from './parse';
import { TRACE_CATEGORIES, word } from './render';
import { show } from './show';
import {
  messagePredicate,
  parseMessageFilter,
  parseNodeList,
  parseNodeRef,
  resolveNode,
  type World,
} from './world';

/** Trace events a scenario may make: beyond this the oldest would be let go, so it stops. */
export const TRACE_EVENTS_MAX = 2_000_000;

/** What a command line does when it runs. */
export type Step =
  | { readonly kind: 'setup'; readonly options: ClusterOptions }
  | {
      readonly kind: 'intervention';
      /** One or more, applied in order through `applyIntervention`. */
      readonly actions: (w: World) => readonly Intervention[];
      /** Output lines for the harness's answers (submit's results). */
      readonly answer?: (results: readonly unknown[], w: World) => string[];
    }
  | { readonly kind: 'harness'; readonly run: (w: World) => string[] }
  | { readonly kind: 'expect'; readonly check: Check }
  | { readonly kind: 'until'; readonly check: Check; readonly withinMs: number };

export interface CommandSpec {
  readonly usage: string;
  readonly parse: (args: readonly string[], line: number) => Step;
}

/** A harness call that prints nothing. */
function act(f: (w: World) => void): Step {
  return {
    kind: 'harness',
    run: (w) => {
      f(w);
      return [];
    },
  };
}

const onNode = (
  type: 'crash' | 'restart' | 'disconnect' | 'reconnect' | 'expireElectionTimer',
  usage: string,
): CommandSpec => ({
  usage,
  parse: (args, line) => {
    count(args, 1, usage, line);
    const ref = parseNodeRef(args[0], line);
    return {
      kind: 'intervention',
      actions: (w) => [{ type, node: resolveNode(w, ref, line) } as Intervention],
    };
  },
});

const link = (up: boolean, usage: string): CommandSpec => ({
  usage,
  parse: (args, line) => {
    count(args, 2, usage, line);
    const [a, b] = [parseNodeRef(args[0], line), parseNodeRef(args[1], line)];
    return {
      kind: 'intervention',
      actions: (w) => [
        { type: 'setLink', from: resolveNode(w, a, line), to: resolveNode(w, b, line), up },
      ],
    };
  },
});

function unsafeSwitch(name: string, line: number): UnsafeSwitch {
  if (isUnsafeSwitch(name)) return name;
  throw new ScenarioError(
    line,
    `unsafe: there is no switch "${name}"; the switches are ${UNSAFE_SWITCH_NAMES.join(', ')}`,
  );
}

function onOff(w: string, name: string, line: number): boolean {
  if (w === 'on' || w === 'off') return w === 'on';
  throw new ScenarioError(line, `${name} is on or off, got ${w}`);
}

function readMode(w: string, line: number): 'log' | 'readIndex' | 'lease' {
  if (w === 'log' || w === 'readIndex' || w === 'lease') return w;
  throw new ScenarioError(line, `reads is log, readIndex or lease, got ${w}`);
}

/** A command written as JSON (an object or array), as chaos workloads submit them. */
function jsonCommand(w: string, line: number): unknown {
  try {
    return JSON.parse(w) as unknown;
  } catch {
    throw new ScenarioError(line, `a command in {…} or […] must be JSON without spaces: ${w}`);
  }
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  nodes: {
    usage:
      'nodes N seed S [delay A-B] [loss P] [dup P] [election A-B] [heartbeat MS] [entries-per-append N] [inflight N] [unsafe SWITCH] [prevote on] [check-quorum on] [reads log|readIndex|lease] [drift F]',
    parse: (args, line) => {
      const n = number(args[0], line, 'a node count 1..9', 1);
      if (args[1] !== 'seed') throw new ScenarioError(line, 'expected: nodes N seed S [options]');
      const seed = number(args[2], line, 'a seed');
      const o = options(args.slice(3), line, [
        'delay',
        'loss',
        'dup',
        'election',
        'heartbeat',
        'entries-per-append',
        'inflight',
        'unsafe',
        'prevote',
        'check-quorum',
        'reads',
        'drift',
      ]);
      const opts: ClusterOptions = {
        nodes: n,
        seed,
        network: network(o, line),
        traceEventsMax: TRACE_EVENTS_MAX,
      };
      if (o.has('election')) opts.electionTimeoutMs = range(o.get('election'), line, 'election');
      if (o.has('heartbeat'))
        opts.heartbeatMs = number(o.get('heartbeat'), line, 'a heartbeat in ms');
      if (o.has('entries-per-append'))
        opts.entriesPerAppendMax = number(
          o.get('entries-per-append'),
          line,
          'entries per append',
          1,
        );
      if (o.has('inflight'))
        opts.inflightMax = number(o.get('inflight'), line, 'batches in flight per follower', 1);
      if (o.has('unsafe')) opts.unsafe = [unsafeSwitch(o.get('unsafe')!, line)];
      if (o.has('prevote')) opts.preVote = onOff(o.get('prevote')!, 'prevote', line);
      if (o.has('check-quorum'))
        opts.checkQuorum = onOff(o.get('check-quorum')!, 'check-quorum', line);
      if (o.has('reads')) opts.readMode = readMode(o.get('reads')!, line);
      if (o.has('drift')) opts.clockDriftMax = number(o.get('drift'), line, 'a clock drift 0..0.5');
      return { kind: 'setup', options: opts };
    },
  },
  run: {
    usage: 'run MS | run until CONDITION [within MS]',
    parse: (args, line) => {
      if (args[0] === 'until') {
        const { rest, ms } = within(args.slice(1), line);
        return { kind: 'until', check: parseCondition(rest, line), withinMs: ms };
      }
      count(args, 1, 'run MS | run until CONDITION [within MS]', line);
      const ms = number(args[0], line, 'a time in ms, or until');
      return act((w) => w.cluster.run(ms));
    },
  },
  wait: {
    usage: 'wait CLIENT [within MS]',
    parse: (args, line) => {
      const { rest, ms } = within(args, line);
      if (rest.length !== 1 || !/^c[1-9]\d*$/.test(rest[0]!))
        throw new ScenarioError(line, 'expected: wait CLIENT [within MS], like wait c1');
      return { kind: 'until', check: parseCondition([rest[0]!, 'done'], line), withinMs: ms };
    },
  },
  crash: onNode('crash', 'crash NODE'),
  restart: onNode('restart', 'restart NODE'),
  timeout: onNode('expireElectionTimer', 'timeout NODE'),
  disconnect: onNode('disconnect', 'disconnect NODE'),
  reconnect: onNode('reconnect', 'reconnect NODE'),
  transfer: {
    usage: 'transfer FROM TO',
    parse: (args, line) => {
      count(args, 2, 'transfer FROM TO', line);
      const [a, b] = [parseNodeRef(args[0], line), parseNodeRef(args[1], line)];
      return {
        kind: 'intervention',
        actions: (w) => [
          {
            type: 'transferLeadership',
            from: resolveNode(w, a, line),
            to: resolveNode(w, b, line),
          },
        ],
        answer: ([r], w) => [
          `transfer ${nodeName(resolveNode(w, a, line))} -> ${nodeName(resolveNode(w, b, line))}: ${r ? 'started' : 'not the leader'}`,
        ],
      };
    },
  },
  cut: link(false, 'cut FROM TO'),
  mend: link(true, 'mend FROM TO'),
  partition: {
    usage: 'partition 1,2 | 3,4,5',
    parse: (args, line) => {
      const groups = args
        .join(' ')
        .split('|')
        .map((g) => g.trim());
      // One group is allowed: the nodes left out of it are cut off.
      if (groups.some((g) => !/^\S+$/.test(g)))
        throw new ScenarioError(line, 'partition needs groups like 1,2 | 3,4,5');
      const refs = groups.map((g) => parseNodeList(g, line));
      return {
        kind: 'intervention',
        actions: (w) => [
          { type: 'partition', groups: refs.map((g) => g.map((r) => resolveNode(w, r, line))) },
        ],
      };
    },
  },
  heal: {
    usage: 'heal',
    parse: (args, line) => {
      count(args, 0, 'heal', line);
      return { kind: 'intervention', actions: () => [{ type: 'heal' }] };
    },
  },
  network: {
    usage: 'network [delay A-B] [loss P] [dup P]',
    parse: (args, line) => {
      const n = network(options(args, line, ['delay', 'loss', 'dup']), line);
      return { kind: 'intervention', actions: () => [{ type: 'setNetwork', network: n }] };
    },
  },
  submit: {
    usage: 'submit NODE COMMAND (cmd-{1..20}: twenty commands; {...} or [...]: a JSON command)',
    parse: (args, line) => {
      count(args, 2, 'submit NODE COMMAND', line);
      const ref = parseNodeRef(args[0], line);
      const commands = /^[[{]/.test(args[1]!)
        ? [jsonCommand(args[1]!, line)]
        : expand(args[1]!, line);
      if (commands.length === 1) {
        const command = commands[0]!;
        return {
          kind: 'intervention',
          actions: (w) => [{ type: 'submit', node: resolveNode(w, ref, line), command }],
          answer: ([r], w) => [
            submitAnswer(nodeName(resolveNode(w, ref, line)), r as SubmitResult, command),
          ],
        };
      }
      // Several submits at one instant, answered in one line.
      return {
        kind: 'intervention',
        actions: (w) =>
          commands.map((command) => ({ type: 'submit', node: resolveNode(w, ref, line), command })),
        answer: (results, w) => {
          const node = resolveNode(w, ref, line);
          const rs = results as SubmitResult[];
          const first = rs[0]!;
          const contiguous = rs.every(
            (r, i) => r.accepted && r.term === first.term && r.index === first.index! + i,
          );
          if (!contiguous) return rs.map((r, i) => submitAnswer(nodeName(node), r, commands[i]));
          const span = `${commands[0]} … ${commands.at(-1)}`;
          return [
            `submit ${span} to ${nodeName(node)}: accepted at ${first.index}..${rs.at(-1)!.index}, term ${first.term}`,
          ];
        },
      };
    },
  },
  client: {
    usage: 'client NAME [attempt MS] [deadline MS] [pinned NODE]',
    parse: (args, line) => {
      const name = args[0];
      if (name === undefined || !/^c[1-9]\d*$/.test(name))
        throw new ScenarioError(line, 'expected: client NAME, like client c1');
      const o = options(args.slice(1), line, ['attempt', 'deadline', 'pinned']);
      const pinned = o.has('pinned') ? parseNodeRef(o.get('pinned'), line) : undefined;
      const attempt = o.has('attempt')
        ? number(o.get('attempt'), line, 'an attempt timeout in ms')
        : undefined;
      const deadline = o.has('deadline')
        ? number(o.get('deadline'), line, 'a deadline in ms')
        : undefined;
      return {
        kind: 'intervention',
        actions: (w) => {
          const next = `c${w.clients.size + 1}`;
          if (name !== next)
            throw new ScenarioError(
              line,
              `clients are named in the order they are made: this one is ${next}`,
            );
          return [
            {
              type: 'addClient',
              ...(attempt === undefined ? {} : { attemptTimeoutMs: attempt }),
              ...(deadline === undefined ? {} : { deadlineMs: deadline }),
              ...(pinned === undefined ? {} : { pinnedTo: resolveNode(w, pinned, line) }),
            },
          ];
        },
      };
    },
  },
  kv: {
    usage: 'kv CLIENT get K | set K V | cas K EXPECTED V | append K V | del K',
    parse: (args, line) => {
      const client = args[0];
      if (client === undefined || !/^c[1-9]\d*$/.test(client))
        throw new ScenarioError(line, 'expected: kv CLIENT OP ..., like kv c1 set x 1');
      const command = kvCommand(args.slice(1), line);
      return { kind: 'intervention', actions: () => [{ type: 'kv', client, command }] };
    },
  },
  hold: {
    usage: 'hold TYPE [from NODES] [to NODES] [nonempty|granted|success|done]',
    parse: (args, line) => {
      const f = parseMessageFilter(args, line);
      return act((w) => w.cluster.hold(messagePredicate(w, f, line)));
    },
  },
  release: {
    usage: 'release [TYPE [from NODES] [to NODES] [flags]]',
    parse: (args, line) => {
      if (args.length === 0) return act((w) => w.cluster.release());
      const f = parseMessageFilter(args, line);
      return act((w) => w.cluster.release(messagePredicate(w, f, line)));
    },
  },
  drop: {
    usage: 'drop held [TYPE [from NODES] [to NODES] [flags]] | drop message ID',
    parse: (args, line) => {
      if (args[0] === 'message') {
        count(args, 2, 'drop message ID', line);
        const id = number(args[1], line, 'a message id');
        return { kind: 'intervention', actions: () => [{ type: 'dropMessage', id }] };
      }
      if (args[0] !== 'held')
        throw new ScenarioError(line, 'expected: drop held [TYPE ...] or drop message ID');
      const f = parseMessageFilter(args.length > 1 ? args.slice(1) : ['any'], line);
      return {
        kind: 'intervention',
        actions: (w) => {
          const match = messagePredicate(w, f, line);
          const held = w.cluster.inFlight().filter((m) => m.held && match(m));
          return held.map((m) => ({ type: 'dropMessage', id: m.id }));
        },
        answer: (results) => [`dropped ${results.length} held`],
      };
    },
  },
  trace: {
    usage: `trace off | ${TRACE_CATEGORIES.join(' ')} | MESSAGE-TYPE ...`,
    parse: (args, line) => {
      const filter = traceFilter(args, line);
      return act((w) => {
        w.filter = filter;
      });
    },
  },
  expect: {
    usage: 'expect CONDITION',
    parse: (args, line) => ({ kind: 'expect', check: parseCondition(args, line) }),
  },
  show: {
    usage: 'show state | log [NODES] | kv [NODES] | inflight',
    parse: (args, line) => ({ kind: 'harness', run: show(args, line) }),
  },
};

/** The step a command line means, or a clear error naming the line. */
export function parseCommand(words: readonly string[], line: number): Step {
  const [name, ...args] = words;
  const spec = name === undefined ? undefined : COMMANDS[name];
  if (spec === undefined)
    throw new ScenarioError(
      line,
      `unknown command ${word(name)}: commands are ${Object.keys(COMMANDS).join(', ')}`,
    );
  return spec.parse(args, line);
}
