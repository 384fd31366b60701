/**
 * The failure finder, per unsafe switch: wall seconds to the first failing run (seeds
 * tried one after another, in one thread, as one page worker does) and to the shrunk
 * run, and how long the shrunk run is. The target is 10 s each on the project machine.
 */
import { UNSAFE_SWITCH_NAMES } from '../../src/raft/unsafe';
import { findFailure } from '../../src/sim/find/find';
import { shrinkRun } from '../../src/sim/find/shrink';
import type { BenchRow, BenchSection } from '../types';

const SEEDS_MAX = 1000;

export function benchFind(): BenchSection {
  return {
    name: 'find',
    description: `per switch: seconds to the first failing run (at most ${SEEDS_MAX} seeds, 5 nodes or what the switch needs, reliable network) and to the shrunk run (delta debugging), one thread`,
    rows: UNSAFE_SWITCH_NAMES.map(measure),
  };
}

function measure(bug: (typeof UNSAFE_SWITCH_NAMES)[number]): BenchRow {
  const started = performance.now();
  let seeds = 0;
  const found = findFailure(bug, { seeds: SEEDS_MAX, onSeed: () => seeds++ });
  const foundAt = performance.now();
  if (found === null) return { name: bug, figures: { seeds, 'found s': 'none' } };
  const shrunk = shrinkRun(found);
  const done = performance.now();
  return {
    name: bug,
    figures: {
      seeds,
      'found s': round((foundAt - started) / 1000),
      'shrunk s': round((done - foundAt) / 1000),
      'total s': round((done - started) / 1000),
      replays: shrunk.tests,
      'interventions before': found.interventions.length,
      'interventions after': shrunk.run.interventions.length,
      nodes: shrunk.run.options.nodes,
      'run ms': Math.round(shrunk.run.until),
    },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
