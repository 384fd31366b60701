// Check independent partitions in turns of a fixed number of steps (a cooperative
// stand-in for porcupine's goroutine per partition), under one deadline. The first
// illegal partition decides; the clock is read once per turn, not per step.

import type { Model, Operation } from './model';
import { PartitionSearch } from './search';

export interface SearchClock {
  now(): number;
  deadlineMs: number;
}

export type PartitionsResult =
  | { kind: 'ok' }
  | { kind: 'illegal'; partition: number; longestPrefix: number[]; unorderable: number[] }
  | { kind: 'timeout'; partitionsDecided: number };

// Long enough that the clock read is noise, short enough to share time fairly.
export const TURN_STEPS = 1024;

export function searchPartitions<S, I, O>(
  partitions: readonly (readonly Operation<I, O>[])[],
  model: Model<S, I, O>,
  clock: SearchClock,
  turnSteps = TURN_STEPS,
): PartitionsResult {
  let pending = partitions.map((ops, partition) => ({
    partition,
    search: new PartitionSearch(ops, model),
  }));
  let decided = 0;
  while (pending.length > 0) {
    const stillPending: typeof pending = [];
    for (const p of pending) {
      if (clock.now() >= clock.deadlineMs) {
        return { kind: 'timeout', partitionsDecided: decided };
      }
      const result = p.search.run(turnSteps);
      if (result === null) stillPending.push(p);
      else if (result.kind === 'illegal') return { ...result, partition: p.partition };
      else decided++;
    }
    pending = stillPending;
  }
  return { kind: 'ok' };
}
