/**
 * Seeking in a long run: the run is replayed once, forward, by a cursor that keeps a
 * snapshot of the cluster (a checkpoint) every so many events; a past moment is then the
 * nearest earlier checkpoint, restored and replayed to that moment. The result is
 * exactly the replay from the start (checkpoints.test.ts holds it to that). Checkpoints
 * share what did not change (state-snapshot.ts), and are thinned to every other one when
 * they hold more than `bytesMax`, so memory stays bounded however long the run.
 */
import type { DurableState } from '../raft/types';
import { Restorer, type Snapshot, Snapshots } from '../util/state-snapshot';
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
  /** The cursor may keep a checkpoint at each multiple of this many virtual ms. Default 250. */
  readonly stepMs?: number;
  /**
   * Events processed between checkpoints at first (what a seek replays at most). Default
   * 6,000: some 40 ms of replay for 5 nodes with a client writing.
   */
  readonly eventsApart?: number;
  /** More than this many checkpoints, and every other one goes. Default 1024. */
  readonly checkpointsMax?: number;
  /**
   * More than this many bytes (estimated) in checkpoints, and every other one goes.
   * Default 32 MB: the estimate runs about a quarter under the heap V8 reports for them
   * (bench `seek`), so checkpoints stay under 50 MB.
   */
  readonly bytesMax?: number;
}

interface Checkpoint {
  readonly snapshot: Snapshot<SimCluster>;
  readonly now: number;
  readonly pops: number;
  /** Interventions applied to it. */
  readonly applied: number;
}

export class Timeline {
  private readonly cursor: SimCluster;
  private readonly snapshots = new Snapshots();
  private readonly restorer = new Restorer();
  private applied = 0;
  private checkpoints: Checkpoint[] = [];
  private readonly step: number;
  private eventsApart: number;
  private readonly checkpointsMax: number;
  private readonly bytesMax: number;
  private bytes = 0;

  constructor(start: TimelineStart, opts: TimelineOptions = {}) {
    this.step = opts.stepMs ?? 250;
    this.eventsApart = opts.eventsApart ?? 6_000;
    this.checkpointsMax = opts.checkpointsMax ?? 1024;
    this.bytesMax = opts.bytesMax ?? 32e6;
    this.cursor = new SimCluster(start.options, start.initialState, start.startTime);
    this.keep();
  }

  /** How many checkpoints are kept. */
  get size(): number {
    return this.checkpoints.length;
  }

  /** The memory the checkpoints hold, estimated. */
  get checkpointBytes(): number {
    return this.bytes;
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
   * so far, in time order; each call's list extends the last one's): every intervention
   * before `t` applied, every event due by `t` done. The caller may run it on.
   */
  at(t: number, interventions: readonly RecordedIntervention[]): SimCluster {
    return this.seek(t, interventions, (base) => base.snapshot.restore());
  }

  /**
   * What `read` finds in the cluster at moment `t` (as `at` gives it). The cluster is
   * lent: once `read` returns, its memory is reused for the next look, so `read` must not
   * keep it or anything of its state.
   */
  look<R>(
    t: number,
    interventions: readonly RecordedIntervention[],
    read: (cluster: SimCluster) => R,
  ): R {
    const cluster = this.seek(t, interventions, (base) => this.restorer.restore(base.snapshot));
    try {
      return read(cluster);
    } finally {
      this.restorer.giveBack();
    }
  }

  private seek(
    t: number,
    interventions: readonly RecordedIntervention[],
    restore: (base: Checkpoint) => SimCluster,
  ): SimCluster {
    if (t > this.cursor.now) this.advanceCursor(t, interventions);
    let base = this.checkpoints[0]!;
    for (const cp of this.checkpoints) if (cp.now <= t) base = cp;
    const cluster = restore(base);
    for (let i = base.applied; i < interventions.length && interventions[i]!.at < t; i++)
      cluster.replay(interventions[i]!);
    if (t > cluster.now) cluster.run(t - cluster.now);
    return cluster;
  }

  /**
   * Moves the cursor towards `t`, stopping at each multiple of the step before `t` where
   * no intervention happens: at such a moment every event due is done and every earlier
   * intervention applied, so going on from it is the run. It keeps a checkpoint at a stop
   * once enough events have passed since the last one.
   */
  private advanceCursor(t: number, recs: readonly RecordedIntervention[]): void {
    for (;;) {
      const stop = this.nextStop(recs);
      if (stop >= t) return;
      while (this.applied < recs.length && recs[this.applied]!.at < stop)
        this.cursor.replay(recs[this.applied++]!);
      this.cursor.run(stop - this.cursor.now);
      if (this.cursor.pops - this.checkpoints.at(-1)!.pops >= this.eventsApart) this.keep();
    }
  }

  /** The next multiple of the step, or the microsecond before it if an action is there. */
  private nextStop(recs: readonly RecordedIntervention[]): number {
    const multiple = (Math.floor(this.cursor.now / this.step) + 1) * this.step;
    let stop = multiple;
    while (this.actionAt(stop, recs)) stop = roundTime(stop - 0.001);
    return stop > this.cursor.now ? stop : multiple + this.step;
  }

  private actionAt(t: number, recs: readonly RecordedIntervention[]): boolean {
    for (let i = this.applied; i < recs.length && recs[i]!.at <= t; i++)
      if (recs[i]!.at === t) return true;
    return false;
  }

  private keep(): void {
    const c = this.cursor;
    const snapshot = this.snapshots.take(c);
    this.bytes += snapshot.addedBytes;
    this.checkpoints.push({ snapshot, now: c.now, pops: c.pops, applied: this.applied });
    if (this.checkpoints.length > this.checkpointsMax || this.bytes > this.bytesMax) this.thin();
  }

  /**
   * Keeps every other checkpoint (the first and the last always: the next snapshot builds
   * on the last) and doubles the distance for the next ones.
   */
  private thin(): void {
    const last = this.checkpoints.length - 1;
    this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0 || i === last);
    this.bytes = Snapshots.bytesOf(this.checkpoints.map((cp) => cp.snapshot));
    this.eventsApart *= 2;
  }
}
