/**
 * What the Export dialog writes, as text: the run as a text scenario, the KV history for
 * `npm run check-history` and for porcupine. Pure, so each is tested without a page.
 */
import { formatPorcupineKv } from '../../check/linearizability/porcupine-format';
import type { HistoryOp } from '../../kv/history';
import { runOptionsOf } from '../../sim/find/failing-run';
import { scenarioOfRecordedRun } from '../../sim/find/run-scenario';
import type { SharedRun } from '../share';

/** A text scenario prints every trace event: longer runs are refused, not truncated. */
export const SCENARIO_RUN_MS_MAX = 60_000;

/** The run as a text scenario, or a sentence saying why it cannot be one. */
export function scenarioOfSharedRun(run: SharedRun): string | { problem: string } {
  if (run.start !== undefined)
    return {
      problem:
        'this run resumed from storage after a reload, and a scenario starts from empty logs: reset the cluster to export one',
    };
  if (run.until > SCENARIO_RUN_MS_MAX)
    return {
      problem: `the run is ${Math.round(run.until / 1000)} s long; a text scenario prints every event, so it may cover at most ${SCENARIO_RUN_MS_MAX / 1000} s: reset and export a shorter run`,
    };
  try {
    return scenarioOfRecordedRun(
      {
        options: runOptionsOf(run),
        unsafe: run.unsafe?.[0] ?? null,
        interventions: run.interventions,
      },
      run.until,
    );
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

/** The history as `npm run check-history` reads it. */
export function historyFile(ops: readonly HistoryOp[]): string {
  return `${JSON.stringify({ history: ops }, null, 1)}\n`;
}

/** The history in porcupine's KV format, or a sentence saying why it cannot be. */
export function porcupineFile(ops: readonly HistoryOp[]): string | { problem: string } {
  try {
    return formatPorcupineKv(ops);
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}
