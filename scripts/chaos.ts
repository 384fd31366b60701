/**
 * Chaos: many seeded runs of a simulated cluster under faults, each checked for Raft's
 * invariants, liveness after a heal, and the fate of every committed command.
 *   npm run chaos -- --seeds 1000 [--nodes 5] [--unreliable] [--first 1]
 *   npm run chaos -- --seed 42 --trace out.json
 *   npm run chaos -- --bug NAME --shrink --out run.json; npm run chaos -- --replay run.json
 */
import { UNSAFE_SWITCH_NAMES } from '../src/raft/unsafe';
import { parseChaosArgs, USAGE } from '../src/sim/chaos/args';
import { formatSummary } from '../src/sim/chaos/report';
import { runChaos } from '../src/sim/chaos/run-chaos';
import { findAndShrink, replayFile } from '../src/sim/find/find-cli';

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.includes('--list-bugs')) {
    for (const name of UNSAFE_SWITCH_NAMES) console.log(name);
    return 0;
  }
  let args: ReturnType<typeof parseChaosArgs>;
  try {
    args = parseChaosArgs(argv);
  } catch (error) {
    console.error(`chaos: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.replay !== null) return replayFile(args.replay, (line) => console.log(line));
  if (args.shrinkTo !== null) return findAndShrink(args, (line) => console.log(line));
  const network = args.flags.unreliable ? 'unreliable' : 'reliable';
  console.log(
    `chaos: seeds ${args.first}..${args.first + args.count - 1}, ${args.flags.nodes} nodes, ${network} network`,
  );
  const summary = runChaos(args, { print: (line) => console.log(line) });
  console.log(formatSummary(summary));
  return summary.seedsFailed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
