/**
 * The timer ring around a node: the election timer of a follower or candidate drains as
 * its deadline approaches (scaled by the longest election timeout, so a short random
 * timeout starts part-drained); a leader shows its heartbeat timer instead.
 */
import { arc } from 'd3';
import { clamp } from './layout';

export interface TimerStatus {
  readonly role: 'follower' | 'candidate' | 'leader';
  readonly nextDeadline: number;
}

export interface TimerScale {
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
}

/** The part of the timer left, 1 (full) to 0 (fires now); null when there is no timer. */
export function timerFraction(
  status: TimerStatus | null,
  now: number,
  scale: TimerScale,
): number | null {
  if (status === null || !Number.isFinite(status.nextDeadline)) return null;
  const span = status.role === 'leader' ? scale.heartbeatMs : scale.electionTimeoutMs[1];
  if (!(span > 0)) return null;
  return clamp((status.nextDeadline - now) / span, 0, 1);
}

/** Quantised so an unchanged ring is not redrawn for a sub-pixel change. */
export function timerStep(fraction: number | null): number {
  return fraction === null ? -1 : Math.round(fraction * 200);
}

const ring = arc<{ inner: number; outer: number; end: number }>()
  .innerRadius((d) => d.inner)
  .outerRadius((d) => d.outer)
  .startAngle(0)
  .endAngle((d) => d.end)
  .cornerRadius(1.5);

/** The arc's path, centred on the node, from 12 o'clock clockwise. */
export function timerPath(fraction: number | null, inner: number, outer: number): string {
  if (fraction === null || fraction <= 0) return '';
  return ring({ inner, outer, end: 2 * Math.PI * clamp(fraction, 0, 1) }) ?? '';
}
