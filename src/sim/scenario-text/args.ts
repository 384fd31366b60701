/** The argument words of scenario commands: numbers, ranges, options, KV operations. */
import type { KvCommand } from '../../kv/types';
import type { NetworkOptions, SubmitResult } from '../index';
import { ScenarioError } from './parse';
import { commandText, TRACE_CATEGORIES, type TraceCategory, type TraceFilter } from './render';

export const RUN_UNTIL_WITHIN_DEFAULT = 2000;

export function count(args: readonly string[], n: number, spec: string, line: number): void {
  if (args.length !== n) throw new ScenarioError(line, `expected: ${spec}`);
}

export function number(w: string | undefined, line: number, what: string, min = 0): number {
  const n = Number(w);
  if (w === undefined || w === '' || !Number.isFinite(n) || n < min)
    throw new ScenarioError(line, `expected ${what}, got ${w ?? 'nothing'}`);
  return n;
}

export function range(w: string | undefined, line: number, what: string): [number, number] {
  const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(w ?? '');
  if (m === null)
    throw new ScenarioError(line, `${what} needs a range like 1-5, got ${w ?? 'nothing'}`);
  return [Number(m[1]), Number(m[2])];
}

/** `key value` option pairs, each key known. */
export function options(
  args: readonly string[],
  line: number,
  known: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i]!;
    if (!known.includes(k))
      throw new ScenarioError(line, `unknown option ${k}: use ${known.join(', ')}`);
    if (args[i + 1] === undefined) throw new ScenarioError(line, `${k} needs a value`);
    out.set(k, args[i + 1]!);
  }
  return out;
}

export function network(o: Map<string, string>, line: number): NetworkOptions {
  const n: NetworkOptions = {};
  if (o.has('delay')) n.delayMs = range(o.get('delay'), line, 'delay');
  if (o.has('loss')) n.dropRate = number(o.get('loss'), line, 'a loss rate 0..1');
  if (o.has('dup')) n.duplicateRate = number(o.get('dup'), line, 'a duplicate rate 0..1');
  return n;
}

/** `[within MS]` at the end of a run-until's words. */
export function within(args: readonly string[], line: number): { rest: string[]; ms: number } {
  const i = args.indexOf('within');
  if (i < 0) return { rest: [...args], ms: RUN_UNTIL_WITHIN_DEFAULT };
  if (i !== args.length - 2) throw new ScenarioError(line, 'within MS comes last');
  return { rest: args.slice(0, i), ms: number(args[i + 1], line, 'a time in ms after within') };
}

export function kvCommand(args: readonly string[], line: number): KvCommand {
  const [op, key, x, y] = args;
  const need = (n: number, spec: string) => {
    if (args.length !== n) throw new ScenarioError(line, `expected: kv CLIENT ${spec}`);
  };
  switch (op) {
    case 'get':
    case 'del':
      need(2, `${op} KEY`);
      return { op, key: key! };
    case 'set':
    case 'append':
      need(3, `${op} KEY VALUE`);
      return { op, key: key!, value: x! };
    case 'cas':
      need(4, 'cas KEY EXPECTED VALUE (EXPECTED none: only if absent)');
      return { op, key: key!, expected: x === 'none' ? null : x!, value: y! };
    default:
      throw new ScenarioError(
        line,
        `expected a KV operation get, set, cas, append or del; got ${op ?? 'nothing'}`,
      );
  }
}

export function traceFilter(args: readonly string[], line: number): TraceFilter {
  if (args.length === 0)
    throw new ScenarioError(
      line,
      `expected: trace off | ${TRACE_CATEGORIES.join(' | ')} | a message type, one or more`,
    );
  const categories = new Set<TraceCategory>();
  const messageTypes = new Set<string>();
  if (!(args.length === 1 && args[0] === 'off')) {
    for (const a of args) {
      if ((TRACE_CATEGORIES as readonly string[]).includes(a)) categories.add(a as TraceCategory);
      else if (/^[A-Z]\w*$/.test(a)) messageTypes.add(a);
      else
        throw new ScenarioError(
          line,
          `trace takes off, ${TRACE_CATEGORIES.join(', ')}, or message types; got ${a}`,
        );
    }
  }
  return { categories, messageTypes };
}

/** `cmd-{1..3}` is cmd-1, cmd-2, cmd-3; a word without braces is itself. */
export function expand(w: string, line: number): string[] {
  const m = /^(.*)\{(\d+)\.\.(\d+)\}(.*)$/.exec(w);
  if (m === null) return [w];
  const [from, to] = [Number(m[2]), Number(m[3])];
  if (to < from || to - from >= 10_000)
    throw new ScenarioError(line, `a range {A..B} needs A <= B, at most 10,000 apart: ${w}`);
  return Array.from({ length: to - from + 1 }, (_, i) => `${m[1]}${from + i}${m[4]}`);
}

export function submitAnswer(node: string, r: SubmitResult, command: unknown): string {
  return r.accepted
    ? `submit ${commandText(command)} to ${node}: accepted at ${r.index}, term ${r.term}`
    : `submit ${commandText(command)} to ${node}: refused`;
}
