/**
 * Looking at an earlier moment: the run is deterministic, so replaying its config, the
 * starting state and the interventions of the segment that moment belongs to (each page
 * load begins a segment, see run-record.ts) in process up to that moment rebuilds it
 * exactly. An Inspector replays from the nearest checkpoint (sim/checkpoints.ts), so the
 * cost of a seek does not grow with the run; inspectMoment replays from the start.
 */
import { Timeline } from '../sim/checkpoints';
import type { SimCluster } from '../sim/cluster';
import { runScript } from '../sim/script';
import type { ClusterOptions } from '../sim/types';
import { StateCopyError } from '../util/state-copy';
import type { Segment } from './run-record';
import { type ClusterView, MESSAGES_PER_FRAME_MAX } from './snapshot';

/** A past moment, as views draw it. */
export type InspectedMoment = ClusterView & { readonly mode: 'inspect' };

/** What a replay needs of a segment. */
export type ReplaySegment = Pick<Segment, 'start' | 'state' | 'interventions'>;

/** `segments`: oldest first, each ending where the next begins. */
export function inspectMoment(
  options: ClusterOptions,
  segments: readonly ReplaySegment[],
  at: number,
): InspectedMoment {
  const segment = segmentAt(segments, at);
  const cluster = runScript({
    options: { ...options, traceEventsMax: 0 },
    initialState: segment.state,
    startTime: segment.start,
    // The moment before anything the user did at that very instant.
    interventions: segment.interventions.filter((rec) => rec.at < at),
    until: at,
  });
  return momentOf(cluster);
}

/** Seeks in one run, keeping checkpoints of the segment last looked at. */
export class Inspector {
  private timeline: Timeline | null = null;
  private segment: ReplaySegment | null = null;

  constructor(private readonly options: ClusterOptions) {}

  moment(segments: readonly ReplaySegment[], at: number): InspectedMoment {
    const segment = segmentAt(segments, at);
    try {
      // momentOf copies what it shows, so the lent cluster can be reused.
      return this.timelineOf(segment).look(at, segment.interventions, momentOf);
    } catch (error) {
      // A state that cannot be copied still has the slow way: replay from the start.
      if (!(error instanceof StateCopyError)) throw error;
      this.timeline = null;
      return inspectMoment(this.options, segments, at);
    }
  }

  private timelineOf(segment: ReplaySegment): Timeline {
    const same =
      this.segment !== null &&
      this.segment.start === segment.start &&
      this.segment.state === segment.state;
    if (this.timeline === null || !same || !this.timeline.fits(segment.interventions)) {
      this.segment = segment;
      this.timeline = new Timeline({
        options: { ...this.options, traceEventsMax: 0 },
        initialState: segment.state,
        startTime: segment.start,
      });
    }
    return this.timeline;
  }
}

/** The segment moment `at` belongs to; a clear error when it is older than every kept one. */
export function segmentAt<S extends ReplaySegment>(segments: readonly S[], at: number): S {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.start <= at) return segments[i]!;
  const first = segments[0]?.start ?? 0;
  throw new Error(
    `the kept record of this run begins at ${Math.round(first * 10) / 10} ms, and earlier moments are no longer kept`,
  );
}

export function momentOf(c: SimCluster): InspectedMoment {
  const all = c.inFlight();
  return {
    mode: 'inspect',
    now: c.now,
    leader: c.leader(),
    nodes: Array.from({ length: c.size }, (_, id) => {
      const host = c.hostOf(id);
      return {
        id,
        alive: host.alive,
        storage: 'idb' as const,
        status: host.status(),
        durableTerm: host.storage.term,
        durableVotedFor: host.storage.votedFor,
        logLength: host.storage.log.length,
      };
    }),
    network: c.networkView(),
    messages: all.slice(0, MESSAGES_PER_FRAME_MAX),
    messagesOmitted: Math.max(0, all.length - MESSAGES_PER_FRAME_MAX),
    violations: c.violations(),
    kv: Array.from({ length: c.size }, (_, id) => c.kvState(id)),
    logs: Array.from({ length: c.size }, (_, id) => c.node(id).log),
    logVersion: 0,
  };
}
