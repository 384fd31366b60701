/**
 * Runs many seeds, prints what failed, and writes each failing seed's trace. The trace
 * comes from a second run of the seed that keeps its events (the first keeps none, to be
 * fast); the second run must fail the same way, or the simulator is not deterministic.
 */
import type { ChaosArgs } from './args';
import { chaosOptions } from './options';
import { type ChaosSummary, formatSeed, reproduceCommand, summarize } from './report';
import { type ChaosHooks, runSeed, type SeedResult } from './run-seed';
import { tracePathFor, writeTraceFile } from './trace-file';

/** Trace events kept in a trace file: the newest ones, before the failure. */
export const TRACE_EVENTS_MAX = 200_000;
/** Most trace files one run writes. */
export const TRACE_FILES_MAX = 10;

export interface ChaosRunSettings {
  readonly hooks?: ChaosHooks;
  readonly print: (line: string) => void;
}

export function runChaos(args: ChaosArgs, settings: ChaosRunSettings): ChaosSummary {
  const started = performance.now();
  const results: SeedResult[] = [];
  let traceFiles = 0;
  for (let seed = args.first; seed < args.first + args.count; seed++) {
    const options = chaosOptions(seed, args.flags);
    const { result } = runSeed(options, { hooks: settings.hooks });
    results.push(result);
    if (result.ok && !args.verbose) continue;
    for (const line of formatSeed(result)) settings.print(line);
    const wantTrace = !result.ok || args.traceAlways;
    if (wantTrace && traceFiles < TRACE_FILES_MAX) {
      traceFiles++;
      writeTrace(args, result, settings);
    }
    // A switched-off rule is to be caught: the first seed that catches it is the answer.
    if (!result.ok && args.flags.bug !== undefined) {
      settings.print(`first failing seed for ${args.flags.bug}: ${seed}`);
      break;
    }
  }
  return summarize(results, performance.now() - started);
}

function writeTrace(args: ChaosArgs, first: SeedResult, settings: ChaosRunSettings): void {
  const seed = first.options.seed;
  const path = tracePathFor(args.tracePath, seed);
  const { result, cluster } = runSeed(first.options, {
    hooks: settings.hooks,
    traceEventsMax: TRACE_EVENTS_MAX,
  });
  if (!sameOutcome(first, result)) {
    settings.print(
      `  - Determinism: seed ${seed} ran ${first.events} events the first time and ${result.events} the second, with different outcomes`,
    );
  }
  writeTraceFile(path, result, cluster.trace(), TRACE_EVENTS_MAX);
  settings.print(`  trace: ${path}`);
  if (!first.ok) settings.print(`  reproduce: ${reproduceCommand(seed, args.flags, path)}`);
}

function sameOutcome(a: SeedResult, b: SeedResult): boolean {
  return (
    a.events === b.events &&
    a.ok === b.ok &&
    a.violations.join('\n') === b.violations.join('\n') &&
    a.failures.join('\n') === b.failures.join('\n')
  );
}
