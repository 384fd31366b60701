/** Messages between the page's failure finder and its workers (runtime/find-worker.ts). */
import type { UnsafeSwitch } from '../raft/unsafe';
import type { FailingRun } from '../sim/find/failing-run';
import type { ShrinkProgress } from '../sim/find/shrink';

export type FindRequest =
  /** Try seeds first, first + stride, … (this worker's share of the search). */
  | {
      readonly type: 'find';
      readonly bug: UnsafeSwitch;
      readonly first: number;
      readonly stride: number;
      readonly seeds: number;
    }
  | { readonly type: 'shrink'; readonly run: FailingRun };

export type FindReply =
  /** A seed passed (or failed in a way a replay cannot show). */
  | { readonly type: 'tried'; readonly seed: number }
  | { readonly type: 'found'; readonly run: FailingRun }
  /** Every seed of this worker's share was tried. */
  | { readonly type: 'exhausted' }
  | { readonly type: 'shrinking'; readonly progress: ShrinkProgress }
  | {
      readonly type: 'shrunk';
      readonly run: FailingRun;
      readonly tests: number;
      readonly complete: boolean;
    }
  | { readonly type: 'error'; readonly message: string };
