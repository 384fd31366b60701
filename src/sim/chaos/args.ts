/** The chaos command line: which seeds, how many nodes, which network, where traces go. */
import { parseArgs } from 'node:util';
import {
  chaosNeeds,
  isUnsafeSwitch,
  UNSAFE_SWITCH_NAMES,
  type UnsafeSwitch,
} from '../../raft/unsafe';
import { CHAOS_FEATURES, type ChaosFeature, type ChaosFlags } from './options';
import { TRACE_PATH_DEFAULT } from './trace-file';

export interface ChaosArgs {
  readonly first: number;
  readonly count: number;
  readonly flags: ChaosFlags;
  /** Where a failing seed's trace goes; `{seed}` becomes the seed. */
  readonly tracePath: string;
  /** One seed with --trace: write its trace even when it passes. */
  readonly traceAlways: boolean;
  /** Print every seed's options and figures, not only failing ones. */
  readonly verbose: boolean;
  /** With a bug: shrink the first failing run and write it here (a run file). */
  readonly shrinkTo: string | null;
  /** Replay this run file and report the rule it breaks. */
  readonly replay: string | null;
}

export const USAGE = `usage: npm run chaos -- [--seeds N] [--first F] [--seed S] [--nodes 5] [--unreliable]
                        [--kv] [--features all|LIST] [--trace out.json] [--verbose]
                        [--strict-liveness]
  --seeds N      run seeds F .. F+N-1 (default 100)
  --first F      the first seed (default 1)
  --seed S       run the one seed S and print its options
  --nodes K      cluster size (default 5)
  --unreliable   also lose, duplicate and delay messages in the fault phase
  --kv           also run KV clients and check their history is linearizable
  --features F   switch on features past the core Raft: all, or a comma-separated
                 list of ${CHAOS_FEATURES.join(', ')} (with readIndex
                 and lease both, each seed picks one; lease brings checkQuorum;
                 transfer adds leadership transfers to the faults)
  --trace PATH   trace file of a failing seed ({seed} becomes the seed;
                 default ${TRACE_PATH_DEFAULT}); with --seed, written even on success
  --verbose      print every seed, not only failing ones
  --strict-liveness
                 no extra time for the final command's backlog (by default one
                 heartbeat per batch of backlog, the paper's floor)
  --bug NAME     switch one rule of Raft off (see --list-bugs): the run stops at the
                 first seed the checkers catch, and exits 1
  --list-bugs    print the names of the switches, one a line
  --shrink       with --bug: shrink the first failing run (fewer interventions,
                 nodes and faults, a shorter run) and write it to --out
  --out PATH     where --shrink writes the run (default failing-run.json; a .txt
                 path gets it as a text scenario)
  --replay PATH  replay a run file written by --shrink and print the rule it breaks`;

export const SHRINK_OUT_DEFAULT = 'failing-run.json';

export const SEEDS_MAX = 10_000_000;

export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      seeds: { type: 'string' },
      first: { type: 'string' },
      seed: { type: 'string' },
      nodes: { type: 'string' },
      unreliable: { type: 'boolean', default: false },
      kv: { type: 'boolean', default: false },
      features: { type: 'string' },
      trace: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'strict-liveness': { type: 'boolean', default: false },
      bug: { type: 'string' },
      shrink: { type: 'boolean', default: false },
      out: { type: 'string' },
      replay: { type: 'string' },
    },
  });
  if (values.shrink && values.bug === undefined)
    throw new Error('--shrink needs --bug NAME: it shrinks a run that a switched-off rule breaks');
  if (values.out !== undefined && !values.shrink) throw new Error('--out goes with --shrink');
  const single = values.seed !== undefined;
  if (single && (values.seeds !== undefined || values.first !== undefined)) {
    throw new Error('--seed runs one seed: leave out --seeds and --first');
  }
  const first = single
    ? integer('--seed', values.seed!, 0)
    : integer('--first', values.first ?? '1', 0);
  const count = single ? 1 : integer('--seeds', values.seeds ?? '100', 1, SEEDS_MAX);
  const tracePath = values.trace ?? TRACE_PATH_DEFAULT;
  return {
    first,
    count,
    flags: {
      // A switch may need another size than 5 to show its anomaly soon (Figure 8: 3).
      nodes: integer('--nodes', values.nodes ?? String(defaultNodes(values.bug)), 1, 64),
      unreliable: values.unreliable,
      strictLiveness: values['strict-liveness'],
      // A KV rule's anomaly needs KV clients: --bug of one brings them.
      kv: values.kv || (values.bug !== undefined && chaosNeeds(bugName(values.bug)).kv === true),
      ...(values.bug === undefined ? {} : { bug: bugName(values.bug) }),
      ...(values.features === undefined ? {} : { features: featureList(values.features) }),
    },
    // Several failing seeds must not write over one another's trace.
    tracePath: single || tracePath.includes('{seed}') ? tracePath : withSeedSuffix(tracePath),
    traceAlways: single && values.trace !== undefined,
    verbose: values.verbose || single,
    shrinkTo: values.shrink ? (values.out ?? SHRINK_OUT_DEFAULT) : null,
    replay: values.replay ?? null,
  };
}

function defaultNodes(bug: string | undefined): number {
  return (bug !== undefined && isUnsafeSwitch(bug) ? chaosNeeds(bug).nodes : undefined) ?? 5;
}

function featureList(text: string): ChaosFeature[] {
  if (text === 'all') return [...CHAOS_FEATURES];
  const names = text.split(',').filter((n) => n !== '');
  for (const name of names) {
    if (!(CHAOS_FEATURES as readonly string[]).includes(name))
      throw new Error(
        `--features: there is no feature "${name}"; use all, or some of ${CHAOS_FEATURES.join(', ')}`,
      );
  }
  if (names.length === 0) throw new Error('--features needs all, or a list like preVote,lease');
  return [...new Set(names)] as ChaosFeature[];
}

function bugName(name: string): UnsafeSwitch {
  if (!isUnsafeSwitch(name))
    throw new Error(
      `--bug: there is no switch "${name}"; the switches are ${UNSAFE_SWITCH_NAMES.join(', ')}`,
    );
  return name;
}

function integer(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** "out.json" → "out-{seed}.json" */
function withSeedSuffix(path: string): string {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  return dot > slash + 1 ? `${path.slice(0, dot)}-{seed}${path.slice(dot)}` : `${path}-{seed}`;
}
