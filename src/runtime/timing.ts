/**
 * Whether a user's election timeout range and heartbeat can run a cluster: whole ms within
 * bounds, and a heartbeat shorter than the shortest election timeout (or followers would
 * start elections against a healthy leader).
 */
import { TIMING_MS_MAX, TIMING_MS_MIN } from '../defaults';

export interface Timing {
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
}

export type TimingField = 'electionMin' | 'electionMax' | 'heartbeat';

/** The first thing wrong with a timing, naming its field, or null when it is good. */
export function timingProblem(t: Timing): { field: TimingField; text: string } | null {
  const [min, max] = t.electionTimeoutMs;
  const whole = (n: number) => Number.isInteger(n) && n >= TIMING_MS_MIN && n <= TIMING_MS_MAX;
  const range = `a whole number of ms from ${TIMING_MS_MIN} to ${TIMING_MS_MAX}`;
  if (!whole(min)) return { field: 'electionMin', text: `Election timeout min: ${range}.` };
  if (!whole(max)) return { field: 'electionMax', text: `Election timeout max: ${range}.` };
  if (max < min)
    return { field: 'electionMax', text: 'Election timeout max: at least the minimum.' };
  if (!Number.isInteger(t.heartbeatMs) || t.heartbeatMs < 1 || t.heartbeatMs >= min)
    return {
      field: 'heartbeat',
      text: 'Heartbeat: a whole number of ms, shorter than the election timeout min.',
    };
  return null;
}
