/** A failing run's trace as a JSON file: the options, what failed, the faults, the events. */
import { writeFileSync } from 'node:fs';
import type { TraceEvent } from '../trace';
import type { SeedResult } from './run-seed';

export const TRACE_PATH_DEFAULT = 'chaos-trace-{seed}.json';

/** `{seed}` in the template becomes the seed. */
export function tracePathFor(template: string, seed: number): string {
  return template.replaceAll('{seed}', String(seed));
}

export interface TraceFile {
  readonly seed: number;
  readonly options: SeedResult['options'];
  readonly violations: readonly string[];
  readonly failures: readonly string[];
  readonly faults: SeedResult['faults'];
  /** Events the run processed; `events` keeps the newest `traceEventsMax` trace events. */
  readonly eventsProcessed: number;
  readonly traceEventsMax: number;
  readonly events: readonly TraceEvent[];
}

export function writeTraceFile(
  path: string,
  result: SeedResult,
  events: readonly TraceEvent[],
  traceEventsMax: number,
): void {
  const file: TraceFile = {
    seed: result.options.seed,
    options: result.options,
    violations: result.violations,
    failures: result.failures,
    faults: result.faults,
    eventsProcessed: result.events,
    traceEventsMax,
    events,
  };
  writeFileSync(path, `${JSON.stringify(file)}\n`);
}
