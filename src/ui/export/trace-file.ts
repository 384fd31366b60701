/**
 * The trace file: a run as JSON, for reading and for replaying. It holds what a share link
 * holds (the cluster's settings, the seed and the interventions with their moments), so
 * opening it replays the same run, plus the trace events the page kept, for reading.
 */
import { SHARE_VERSION, type SharedRun, validateSharedRun } from '../share';

export const TRACE_FORMAT = 'raft-playground-trace';
export const TRACE_FILE_VERSION = 1;
/** A trace file this large is refused unread (a page keeps a bounded trace). */
export const TRACE_FILE_CHARS_MAX = 100_000_000;

export interface TraceFile {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_FILE_VERSION;
  /** The run as a share link carries it: what a replay needs. */
  readonly run: SharedRun & { readonly v: number };
  /** The trace events the page kept (the newest, when the run is long). */
  readonly events: readonly unknown[];
}

export function formatTraceFile(run: SharedRun, events: readonly unknown[]): string {
  const file: TraceFile = {
    format: TRACE_FORMAT,
    version: TRACE_FILE_VERSION,
    run: { v: SHARE_VERSION, ...run },
    events,
  };
  return JSON.stringify(file);
}

/** The run in a trace file, or a sentence saying why it cannot be replayed. */
export function readTraceFile(text: string): SharedRun | string {
  if (text.length > TRACE_FILE_CHARS_MAX) return 'the file is too large to be a trace file';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the file is not JSON';
  }
  const f = value as Partial<TraceFile> | null;
  if (typeof f !== 'object' || f === null || f.format !== TRACE_FORMAT)
    return `the file is not a trace file (it has no "format": "${TRACE_FORMAT}")`;
  if (f.version !== TRACE_FILE_VERSION)
    return `the trace file is version ${JSON.stringify(f.version)}; this page reads version ${TRACE_FILE_VERSION}`;
  return validateSharedRun(f.run);
}
