/**
 * Seeking in a long run: the run is replayed once, forward, by a cursor that keeps a
 * copy of the cluster (a checkpoint) every `spacingMs` of virtual time; a past moment is
 * then the nearest earlier checkpoint, copied and replayed to that moment. The result is
 * exactly the replay from the start (checkpoints.test.ts holds it to that). Checkpoints
 * are thinned to every other one when there are more than `checkpointsMax`, so memory
 * stays bounded however long the run.
 */
import type { DurableState } from '../raft/types';
import { roundTime } from '../util/time';
import { SimCluster } from './cluster';
import type { RecordedIntervention } from './interventions';
import type { ClusterOptions } from './types';

export interface TimelineStart {
  readonly options: ClusterOptions;
  readonly initialState?: readonly DurableState[];
  readonly startTime?: number;
}

export interface TimelineOptions {
  /** Virtual ms between checkpoints at first. Default 5000. */
  readonly spacingMs?: number;
  /** More than this many checkpoints, and every other one goes. Default 64. */
  readonly checkpointsMax?: number;
}

interface Checkpoint {
  readonly cluster: SimCluster;
  /** Interventions applied to it. */
  readonly applied: number;
}

export class Timeline {
  private readonly cursor: SimCluster;
  private applied = 0;
  private checkpoints: Checkpoint[];
  private spacing: number;
  private readonly checkpointsMax: number;

  constructor(start: TimelineStart, opts: TimelineOptions = {}) {
    this.spacing = opts.spacingMs ?? 5000;
    this.checkpointsMax = opts.checkpointsMax ?? 64;
    this.cursor = new SimCluster(start.options, start.initialState, start.startTime);
    this.checkpoints = [{ cluster: this.cursor.fork(), applied: 0 }];
  }

  /** How many checkpoints are kept. */
  get size(): number {
    return this.checkpoints.length;
  }

  /**
   * Whether these interventions extend the ones seen so far where the cursor has not yet
   * gone: none recorded since lands at or before the cursor's moment.
   */
  fits(interventions: readonly RecordedIntervention[]): boolean {
    for (let i = this.applied; i < interventions.length; i++)
      if (interventions[i]!.at <= this.cursor.now) return false;
    return true;
  }

  /**
   * A new cluster at moment `t` of the run with these interventions (the ones recorded
   * so far; each call's list extends the last one's): every intervention before `t`
   * applied, every event due by `t` done. The caller may run it on.
   */
  at(t: number, interventions: readonly RecordedIntervention[]): SimCluster {
    if (t > this.cursor.now) this.advanceCursor(t, interventions);
    let base = this.checkpoints[0]!;
    for (const cp of this.checkpoints) if (cp.cluster.now <= t) base = cp;
    const cluster = base.cluster.fork();
    for (let i = base.applied; i < interventions.length && interventions[i]!.at < t; i++)
      cluster.replay(interventions[i]!);
    if (t > cluster.now) cluster.run(t - cluster.now);
    return cluster;
  }

  /**
   * Moves the cursor towards `t`, stopping (and keeping a checkpoint) at each multiple of
   * the spacing before `t` where no intervention happens: at such a moment every event
   * due is done and every earlier intervention applied, so going on from it is the run.
   */
  private advanceCursor(t: number, recs: readonly RecordedIntervention[]): void {
    for (;;) {
      const stop = this.nextStop(recs);
      if (stop >= t) return;
      while (this.applied < recs.length && recs[this.applied]!.at < stop)
        this.cursor.replay(recs[this.applied++]!);
      this.cursor.run(stop - this.cursor.now);
      this.keep({ cluster: this.cursor.fork(), applied: this.applied });
    }
  }

  /** The next multiple of the spacing, or the microsecond before it if an action is there. */
  private nextStop(recs: readonly RecordedIntervention[]): number {
    const multiple = (Math.floor(this.cursor.now / this.spacing) + 1) * this.spacing;
    let stop = multiple;
    while (recs.some((r) => r.at === stop)) stop = roundTime(stop - 0.001);
    return stop > this.cursor.now ? stop : multiple + this.spacing;
  }

  private keep(cp: Checkpoint): void {
    this.checkpoints.push(cp);
    if (this.checkpoints.length <= this.checkpointsMax) return;
    this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
    this.spacing *= 2;
  }
}
