/**
 * The finder on the command line: `chaos --bug NAME --shrink --out run.json` finds the
 * first failing seed, shrinks its run and writes the run file (or, to a .txt path, the run
 * as a text scenario); `chaos --replay run.json`
 * replays one and prints the rule it breaks. Both exit 1 when a rule breaks, as a
 * failing chaos run does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ChaosArgs } from '../chaos/args';
import { type FailingRun, replayVerdict } from './failing-run';
import { findFailure } from './find';
import { formatRunFile, parseRunFile } from './run-file';
import { scenarioOfRun } from './run-scenario';
import { shrinkRun } from './shrink';

export function findAndShrink(args: ChaosArgs, print: (line: string) => void): number {
  const bug = args.flags.bug!;
  const started = performance.now();
  let seeds = 0;
  const found = findFailure(bug, {
    flags: { nodes: args.flags.nodes, unreliable: args.flags.unreliable },
    firstSeed: args.first,
    seeds: args.count,
    onSeed: () => seeds++,
  });
  const foundMs = performance.now() - started;
  if (found === null) {
    print(`no failing run for ${bug} in ${seeds} seeds (${seconds(foundMs)})`);
    return 0;
  }
  print(`first failing seed for ${bug}: ${found.options.seed} (${seconds(foundMs)})`);
  print(`  ${summary(found)}`);
  const shrunk = shrinkRun(found);
  const total = performance.now() - started;
  print(
    `shrunk in ${shrunk.tests} replays (${seconds(total - foundMs)})${shrunk.complete ? '' : ', stopped at the replay budget'}`,
  );
  print(`  ${summary(shrunk.run)}`);
  print(`  broke: ${shrunk.run.violation.rule}`);
  const out = args.shrinkTo!;
  // A .txt path gets the run as a text scenario; anything else, the run file.
  if (out.endsWith('.txt')) {
    writeFileSync(out, scenarioOfRun(shrunk.run));
    print(`  scenario: ${out}`);
    print('  replay: copy it into src/sim/scenario-text/testdata/ and npm run scenarios');
    return 1;
  }
  writeFileSync(out, formatRunFile(shrunk.run));
  print(`  run: ${out}`);
  print(`  replay: npm run chaos -- --replay ${out}`);
  return 1;
}

export function replayFile(path: string, print: (line: string) => void): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    print(`chaos: cannot read ${path}: ${(e as Error).message}`);
    return 2;
  }
  const run = parseRunFile(text);
  if (typeof run === 'string') {
    print(`chaos: ${path}: ${run}`);
    return 2;
  }
  print(`${path}: ${summary(run)}`);
  const verdict = replayVerdict(run);
  if (verdict === null) {
    print('  replay: no rule broke');
    return 0;
  }
  const same = verdict.rule === run.violation.rule && verdict.at === run.violation.at;
  print(`  broke: ${verdict.rule}`);
  print(
    same
      ? '  the same rule at the same moment as the file says'
      : `  the file says: ${run.violation.rule}`,
  );
  return 1;
}

function summary(run: FailingRun): string {
  return `${run.bug}: ${run.interventions.length} interventions on ${run.options.nodes} nodes, ${Math.round(run.until)} ms`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
