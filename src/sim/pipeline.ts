/**
 * Runs a window of events with several host steps in flight at once, yet with the very
 * same outcome as one at a time (conservative parallel simulation):
 * - an event starts only if nothing still running can schedule an event before it: every
 *   effect lands at least `lookahead` after its cause;
 * - a timer waits until its node's earlier steps are done (its decision reads the node);
 * - each node receives its steps in order (the source's dispatch chains them);
 * - effects are applied strictly in queue order.
 */
import type { NodeId } from '../raft/types';

export interface Planned {
  /** The node it steps or whose timer it reads, if any. */
  readonly node: NodeId | null;
}

export interface WindowSource<P extends Planned, S> {
  readonly pops: number;
  peekTime(): number;
  /** The node of the next event if it is a timer. */
  peekTimerNode(): NodeId | null;
  /** Holds read arbitrary state: with one active, events run one at a time. */
  readonly serialOnly: boolean;
  /** Pops the next event and decides what it does. */
  popAndPlan(): { time: number; plan: P };
  /** Starts its host step, if any. */
  dispatch(plan: P): Promise<S | null>;
  /** Applies its effects at its time; returns whether it counts as an event. */
  finish(plan: P, time: number, step: S | null): boolean;
}

/** Most events in flight at once. */
export const WINDOW_MAX = 64;

export async function runWindow<P extends Planned, S>(
  src: WindowSource<P, S>,
  limits: { end: number; wallMs: number; popsMax: number; lookahead: number },
): Promise<number> {
  const started = performance.now();
  const window: Array<{ time: number; plan: P; step: Promise<S | null> }> = [];
  const pending = new Map<NodeId, number>();
  let events = 0;
  const canStart = (): boolean => {
    if (window.length >= WINDOW_MAX || src.pops >= limits.popsMax) return false;
    if (performance.now() - started >= limits.wallMs) return false;
    const time = src.peekTime();
    if (time > limits.end) return false;
    if (window.length > 0 && (time > window[0]!.time + limits.lookahead || src.serialOnly))
      return false;
    const timerNode = src.peekTimerNode();
    return timerNode === null || (pending.get(timerNode) ?? 0) === 0;
  };
  for (;;) {
    while (canStart()) {
      const { time, plan } = src.popAndPlan();
      if (plan.node !== null) pending.set(plan.node, (pending.get(plan.node) ?? 0) + 1);
      window.push({ time, plan, step: src.dispatch(plan) });
    }
    const job = window.shift();
    if (job === undefined) return events;
    const step = await job.step;
    if (job.plan.node !== null) pending.set(job.plan.node, pending.get(job.plan.node)! - 1);
    if (src.finish(job.plan, job.time, step)) events++;
  }
}
