/**
 * Seeking in a long run (issue 9, part 4): a 30-minute virtual run of 5 nodes with a
 * client writing every 20 ms, then random seeks across it through a Timeline (replay from
 * the nearest checkpoint). Reports the first pass (the cursor replaying the run once),
 * the p50/p95 wall ms per seek after it (to the view of that moment, as the app shows it),
 * and the heap the checkpoints hold.
 */
import { momentOf } from '../../src/runtime/inspect';
import { Timeline, type TimelineOptions } from '../../src/sim/checkpoints';
import type { RecordedIntervention } from '../../src/sim/interventions';
import { Rng } from '../../src/util/rng';
import type { BenchSection } from '../types';

const RUN_MS = 30 * 60_000;
const WRITE_EVERY_MS = 20;
const SEEKS = 100;

function writingClient(): RecordedIntervention[] {
  const recs: RecordedIntervention[] = [{ at: 1, action: { type: 'addClient' } }];
  for (let t = 300, i = 0; t < RUN_MS; t += WRITE_EVERY_MS, i++)
    recs.push({
      at: t,
      action: {
        type: 'kv',
        client: 'c1',
        command: { op: 'set', key: `k${i % 16}`, value: `v${i}` },
      },
    });
  return recs;
}

function heapMb(): number {
  // Twice: the first collection may leave objects that only the second finds dead.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The first pass's wall ms and the heap MB the timeline holds after it. */
function firstPass(
  recs: readonly RecordedIntervention[],
  opts: TimelineOptions,
): { timeline: Timeline; ms: number; heapMb: number } {
  const before = heapMb();
  const timeline = new Timeline({ options: { nodes: 5, seed: 1, traceEventsMax: 0 } }, opts);
  const t0 = performance.now();
  timeline.at(RUN_MS, recs);
  const ms = performance.now() - t0;
  return { timeline, ms, heapMb: heapMb() - before };
}

export function benchSeek(): BenchSection {
  const recs = writingClient();
  // The run alone: a timeline that keeps no checkpoint after the first (its state at 0).
  const runAlone = firstPass(recs, { eventsApart: Number.POSITIVE_INFINITY });
  runAlone.timeline = null as unknown as Timeline; // let it go before the next is measured
  const { timeline, ms, heapMb: withCheckpoints } = firstPass(recs, {});
  const rng = new Rng(7);
  const times: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const at = Math.round(rng.next() * RUN_MS * 10) / 10;
    const t0 = performance.now();
    timeline.look(at, recs, momentOf); // as the app's Inspector does: the view of that moment
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    name: 'seek',
    description: `${SEEKS} random seeks in a ${RUN_MS / 60_000}-minute virtual run, 5 nodes, a write every ${WRITE_EVERY_MS} ms; heap after gc${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: rough)'}; checkpoint memory is the heap with checkpoints less the heap of the run alone`,
    rows: [
      {
        name: '5 nodes, client writing',
        figures: {
          'first pass ms': Math.round(ms),
          'first pass without checkpoints ms': Math.round(runAlone.ms),
          'seek p50 ms': round(percentile(times, 0.5)),
          'seek p95 ms': round(percentile(times, 0.95)),
          checkpoints: timeline.size,
          'checkpoints MB': round(withCheckpoints - runAlone.heapMb),
          'checkpoints MB estimated': round(timeline.checkpointBytes / 1e6),
          'run alone MB': round(runAlone.heapMb),
        },
      },
    ],
  };
}
