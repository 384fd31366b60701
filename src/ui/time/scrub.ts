/**
 * Scrubbing the timeline: replaying the past takes a while, so at most one request is in
 * flight; while it runs, only the newest wanted moment is remembered and sent next.
 */

export class Scrubber {
  private pending: number | null = null;

  constructor(
    private readonly send: (at: number) => void,
    private readonly busy: () => boolean,
  ) {}

  /** Asks for moment `at`: now if nothing is in flight, else once the current one is done. */
  request(at: number): void {
    if (this.busy()) this.pending = at;
    else {
      this.pending = null;
      this.send(at);
    }
  }

  /** The request in flight finished: send the newest one that waited, if any. */
  settled(): void {
    if (this.pending === null || this.busy()) return;
    const at = this.pending;
    this.pending = null;
    this.send(at);
  }

  /** Forget a waiting request (back to live). */
  cancel(): void {
    this.pending = null;
  }

  get waiting(): number | null {
    return this.pending;
  }
}

/** Virtual ms an arrow key moves the timeline (Shift for bigger steps). */
export const ARROW_STEP = 10;
export const SHIFT_ARROW_STEP = 100;
export const PAGE_STEP = 1000;

/**
 * Where a key moves the timeline, from `at` within [0, newest]: a time, 'live' for End,
 * or null when the key is not the timeline's.
 */
export function timelineKeyTarget(
  key: string,
  shift: boolean,
  at: number,
  newest: number,
): number | 'live' | null {
  const clamp = (t: number) => Math.min(newest, Math.max(0, t));
  const arrow = shift ? SHIFT_ARROW_STEP : ARROW_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(at - arrow);
    case 'ArrowRight':
    case 'ArrowUp': {
      const t = at + arrow;
      return t >= newest ? 'live' : t;
    }
    case 'PageDown':
      return clamp(at - PAGE_STEP);
    case 'PageUp': {
      const t = at + PAGE_STEP;
      return t >= newest ? 'live' : t;
    }
    case 'Home':
      return 0;
    case 'End':
      return 'live';
    default:
      return null;
  }
}

/**
 * The moment of an invariant violation, from the checker's sentence, which ends with
 * "(event #N, t=123.4 ms)"; null when the sentence has no moment.
 */
export function violationTime(sentence: string): number | null {
  const match = /\(event #\d+, t=(\d+(?:\.\d+)?(?:e[+-]?\d+)?) ms\)\s*$/.exec(sentence);
  if (match === null) return null;
  const t = Number(match[1]);
  return Number.isFinite(t) ? t : null;
}

/** The sentence without its "(event #N, t=… ms)" tail, for a short display. */
export function violationText(sentence: string): string {
  return sentence.replace(/\s*\(event #\d+, t=[^)]*\)\s*$/, '');
}
