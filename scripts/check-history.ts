// Check a recorded KV client history for linearizability from the command line.
//
//   npm run check-history -- history.json [--budget-ms 10000]
//
// Input: a JSON array of HistoryOp, a JSON object { "history": [...] }, or a porcupine
// KV log (.txt). Exit code: 0 ok, 1 illegal, 2 unknown (budget ran out), 3 bad input.

import { readFileSync } from 'node:fs';
import {
  checkLinearizability,
  DEFAULT_BUDGET_MS,
  describeOperation,
  HistoryError,
  type HistoryOp,
  type LinearizabilityResult,
  loadHistory,
} from '../src/check/linearizability/index';

const EXIT_CODE = { ok: 0, illegal: 1, unknown: 2, badInput: 3 } as const;
const USAGE = 'usage: npm run check-history -- <history.json | porcupine-log.txt> [--budget-ms N]';

class UsageError extends Error {}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function parseArgs(args: string[]): { path: string; budgetMs: number } {
  let path: string | undefined;
  let budgetMs = DEFAULT_BUDGET_MS;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--budget-ms') {
      budgetMs = Number(args[++i]);
      if (!Number.isFinite(budgetMs) || budgetMs < 0) throw new UsageError('bad --budget-ms');
    } else if (path === undefined && !args[i].startsWith('-')) {
      path = args[i];
    } else {
      throw new UsageError(`unexpected argument ${args[i]}`);
    }
  }
  if (path === undefined) throw new UsageError('no history file given');
  return { path, budgetMs };
}

function readHistory(path: string): HistoryOp[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HistoryError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return loadHistory(text);
}

function report(result: LinearizabilityResult): string[] {
  if (result.verdict === 'ok') return [];
  if (result.verdict === 'unknown') return [result.message];
  const { longestPrefix, unorderable } = result.witness;
  return [
    `key: ${JSON.stringify(result.key)}`,
    result.message,
    `longest linearizable prefix (${count(longestPrefix.length, 'op')}, in order):`,
    ...longestPrefix.map((op, i) => `  ${i + 1}. ${describeOperation(op)}`),
    `cannot be ordered next (${count(unorderable.length, 'op')}):`,
    ...unorderable.map((op) => `  - ${describeOperation(op)}`),
  ];
}

function main(args: string[]): number {
  let path: string;
  let budgetMs: number;
  let history: HistoryOp[];
  try {
    ({ path, budgetMs } = parseArgs(args));
    history = readHistory(path);
  } catch (err) {
    if (!(err instanceof HistoryError || err instanceof UsageError)) throw err;
    console.error(`check-history: ${err.message}`);
    if (err instanceof UsageError) console.error(USAGE);
    return EXIT_CODE.badInput;
  }
  const start = performance.now();
  const result = checkLinearizability(history, { budgetMs });
  const ms = performance.now() - start;
  const keys = new Set(history.map((op) => op.key)).size;
  const lines = [
    `verdict: ${result.verdict}`,
    `operations: ${history.length} (${count(keys, 'key')}) in ${path}`,
    `time: ${ms.toFixed(1)} ms`,
    ...report(result),
  ];
  console.log(lines.join('\n'));
  return EXIT_CODE[result.verdict];
}

process.exitCode = main(process.argv.slice(2));
