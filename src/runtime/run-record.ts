/**
 * The run record of a cluster: what a page reload must bring back besides the nodes' own
 * data. The virtual clock; the run's segments (each start of the whole cluster from
 * storage, i.e. each page load, begins one: its start time, each node's durable state at
 * that moment, the interventions made in it), so any kept moment can be replayed; and the
 * story the page shows (run-story.ts).
 *
 * Stored in the cluster's record database (recordDatabaseName) as a few records, so a
 * write touches only what changed: `meta` (format version, clock, the segments' ids and
 * start times), `story`, and per segment `segment-<id>-start` (written once) and
 * `segment-<id>-interventions`. Reading it back is record-decode.ts's job.
 */
import type { DurableState } from '../raft/types';
import type { RecordedIntervention } from '../sim/interventions';
import type { RunStory } from './run-story';

export const RECORD_FORMAT_VERSION = 1;
/** Most segments kept, the current one included (older ones are let go first). */
export const SEGMENTS_MAX = 16;
/**
 * Most log entries in the kept segments' starting states, all nodes together; the current
 * segment is kept whatever its size.
 */
export const START_ENTRIES_MAX = 200_000;

export interface Segment {
  readonly id: number;
  /** Virtual time the cluster started at. */
  readonly start: number;
  /** Each node's durable state when it started. */
  readonly state: readonly DurableState[];
  readonly interventions: readonly RecordedIntervention[];
}

export interface RunRecord {
  readonly clock: number;
  /** Oldest first, contiguous: each ends where the next begins. */
  readonly segments: readonly Segment[];
  readonly story: RunStory;
}

export const META_KEY = 'meta';
export const STORY_KEY = 'story';
export const startKey = (id: number): string => `segment-${id}-start`;
export const interventionsKey = (id: number): string => `segment-${id}-interventions`;

export interface Meta {
  readonly version: number;
  readonly clock: number;
  readonly segments: ReadonlyArray<{ readonly id: number; readonly start: number }>;
}

export function encodeMeta(
  clock: number,
  segments: ReadonlyArray<Pick<Segment, 'id' | 'start'>>,
): Meta {
  return {
    version: RECORD_FORMAT_VERSION,
    clock,
    segments: segments.map(({ id, start }) => ({ id, start })),
  };
}

export function encodeStart(segment: Pick<Segment, 'state'>): {
  state: readonly DurableState[];
} {
  return { state: segment.state };
}

export function encodeInterventions(list: readonly RecordedIntervention[]): {
  interventions: readonly RecordedIntervention[];
} {
  return { interventions: list };
}

/** Every stored record of a run record, by key. */
export function encodeRecord(record: RunRecord): Map<string, unknown> {
  const parts = new Map<string, unknown>([
    [META_KEY, encodeMeta(record.clock, record.segments)],
    [STORY_KEY, record.story],
  ]);
  for (const s of record.segments) {
    parts.set(startKey(s.id), encodeStart(s));
    parts.set(interventionsKey(s.id), encodeInterventions(s.interventions));
  }
  return parts;
}

/** Log entries in a segment's starting state. */
export function startEntries(segment: Pick<Segment, 'state'>): number {
  let n = 0;
  for (const s of segment.state) n += s.log.length;
  return n;
}

/**
 * The segments kept when `next` begins: `next`, then the newest older ones while the
 * bounds allow. Always a contiguous run of the newest, so a kept moment is never
 * replayed from the wrong starting state.
 */
export function keptSegments(
  older: readonly Segment[],
  next: Segment,
): { kept: Segment[]; dropped: Segment[] } {
  const kept = [next];
  let entries = startEntries(next);
  let i = older.length - 1;
  for (; i >= 0 && kept.length < SEGMENTS_MAX; i--) {
    const more = startEntries(older[i]!);
    if (entries + more > START_ENTRIES_MAX) break;
    entries += more;
    kept.unshift(older[i]!);
  }
  return { kept, dropped: older.slice(0, i + 1) };
}
