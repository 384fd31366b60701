/** Virtual time is kept to whole microseconds, so sums of delays stay readable in traces. */
export function roundTime(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
