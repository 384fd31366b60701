/**
 * The speed control's scale: labelled stops from "follow one message" to "as fast as
 * possible", evenly spaced on a log scale, and the words that describe a speed.
 */

import { APP_SPEED_DEFAULT } from '../../defaults';
import { SPEED_MAX, SPEED_MIN, type Speed } from '../../runtime/pacer';

/** Virtual ms per wall ms, slowest first; 'max' runs as fast as the cluster can. */
export const SPEED_STOPS: readonly Speed[] = [
  SPEED_MIN,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  SPEED_MAX,
  'max',
];

export const DEFAULT_SPEED_STOP = SPEED_STOPS.indexOf(APP_SPEED_DEFAULT);

/** The stop nearest to `speed` on a log scale (a URL may ask for 0.3). */
export function speedToStop(speed: Speed): number {
  if (speed === 'max') return SPEED_STOPS.length - 1;
  if (!(speed > 0)) return 0;
  let best = 0;
  let bestDistance = Infinity;
  SPEED_STOPS.forEach((stop, i) => {
    if (stop === 'max') return;
    const distance = Math.abs(Math.log(stop) - Math.log(speed));
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/** The speed at a stop; out-of-range stops are clamped. */
export function stopToSpeed(stop: number): Speed {
  const i = Math.min(SPEED_STOPS.length - 1, Math.max(0, Math.round(stop)));
  return SPEED_STOPS[i]!;
}

/** A word for how a speed feels. */
export function speedWord(speed: Speed): string {
  if (speed === 'max') return 'as fast as possible';
  if (speed <= 0.01) return 'very slow';
  if (speed < 0.2) return 'slower';
  if (speed < 0.75) return 'slow';
  if (speed < 1.5) return 'real time';
  return 'fast';
}

/** "×0.25 (slow)", "max (as fast as possible)". */
export function describeSpeed(speed: Speed): string {
  if (speed === 'max') return 'max (as fast as possible)';
  return `×${speed} (${speedWord(speed)})`;
}

/** A longer explanation, for a tooltip and screen readers. */
export function speedHint(speed: Speed): string {
  if (speed === 'max') return 'as fast as the cluster can run';
  const follow = speed <= 0.01 ? ': slow enough to follow one message' : '';
  return `${speed} virtual ms per wall ms${follow}`;
}

/** Virtual time for display: "1234.5 ms". */
export function formatVirtualTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${ms.toFixed(1)} ms`;
}
