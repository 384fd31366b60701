/**
 * The fault phase's schedule: at random gaps, a fault of a kind drawn by the seed's
 * weights, until the phase ends. Faults run as simulator tasks, so they interleave with
 * message deliveries and timers at exact virtual times, and the run stays deterministic.
 */
import { deriveSeed, Rng } from '../../util/rng';
import type { SimCluster } from '../cluster';
import type { NodeId } from '../types';
import {
  applyFault,
  type FaultRecord,
  type FaultState,
  isolate,
  pickFaultKind,
  weightTotal,
} from './faults';
import type { ChaosOptions, FaultKind } from './options';

/** Bound on recorded faults (the phase and the smallest gap bound them well below this). */
export const FAULTS_MAX = 10_000;

export class FaultSchedule {
  readonly faults: FaultRecord[] = [];
  private readonly state: FaultState = { disconnected: new Set() };
  private readonly rng: Rng;
  private readonly weightTotal: number;
  private end = 0;

  constructor(
    private readonly cluster: SimCluster,
    private readonly o: ChaosOptions,
  ) {
    this.rng = new Rng(deriveSeed(o.seed, 'chaos-faults'));
    this.weightTotal = weightTotal(o.faultWeights);
    if (o.isolateOnCommitChance > 0) {
      cluster.onEvent((e) => {
        if (e.kind === 'commit') this.onCommit(e.node);
      });
    }
  }

  /** Schedules faults from now until `end` (virtual ms). */
  start(end: number): void {
    this.end = end;
    // An unreliable run is unreliable from the start.
    if (this.o.unreliable) this.apply('network');
    this.scheduleNext();
  }

  /** Faults of each kind that did something (skips not counted). */
  counts(): Partial<Record<FaultRecord['kind'], number>> {
    const counts: Partial<Record<FaultRecord['kind'], number>> = {};
    for (const f of this.faults) {
      if (f.detail !== 'skip') counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    }
    return counts;
  }

  private scheduleNext(): void {
    if (this.weightTotal === 0 || this.faults.length >= FAULTS_MAX) return;
    const gap = this.rng.int(this.o.faultGapMin, this.o.faultGapMax);
    if (this.cluster.now + gap >= this.end) return;
    this.cluster.schedule(gap, () => this.fire());
  }

  private fire(): void {
    this.apply(pickFaultKind(this.rng, this.o.faultWeights, this.weightTotal));
    this.scheduleNext();
  }

  private apply(kind: FaultKind): void {
    const detail = applyFault(kind, this.cluster, this.state, this.rng, this.o);
    this.faults.push({ t: this.cluster.now, kind, detail });
  }

  /** Inside the leader's step: cut it off before the messages of that step are delivered. */
  private onCommit(node: NodeId): void {
    if (this.cluster.now >= this.end || this.faults.length >= FAULTS_MAX) return;
    if (this.cluster.hostOf(node).raft?.role !== 'leader') return;
    if (!this.rng.chance(this.o.isolateOnCommitChance)) return;
    const detail = isolate(this.cluster, node, this.rng);
    this.faults.push({ t: this.cluster.now, kind: 'isolateOnCommit', detail });
  }
}
