/**
 * Maps virtual time to wall time: a speed factor (virtual ms per wall ms), or as fast as
 * possible; pause and single steps. It only decides how far the cluster advances; the
 * run itself depends on the seed and the interventions alone.
 */
import type { AsyncHost } from '../sim/host';
import type { LiveCluster } from './live-cluster';

export type Speed = number | 'max';

/**
 * The speeds the app offers, in one place: the speed control's slowest and fastest stops
 * (ui/time/speed-scale.ts), the range a URL's speed= may ask for, and the README's.
 */
export const SPEED_MIN = 0.005;
export const SPEED_MAX = 10;
/** Wall ms the cluster may run before the pacer yields to messages from the page. */
const SLICE_WALL_MS = 12;
const SLICE_EVENTS_MAX = 20_000;

export function speedProblem(speed: unknown): string | null {
  if (speed === 'max') return null;
  if (
    typeof speed !== 'number' ||
    !Number.isFinite(speed) ||
    speed < SPEED_MIN ||
    speed > SPEED_MAX
  ) {
    return `speed must be 'max' or a number from ${SPEED_MIN} to ${SPEED_MAX} (virtual ms per wall ms)`;
  }
  return null;
}

export class Pacer {
  private speedValue: Speed;
  private pausedValue: boolean;
  private stopped = false;
  private wake: (() => void) | null = null;
  /** Virtual time to pause at, exactly (playTo), or null. */
  private stopAt: number | null = null;
  /** Wall time and virtual time that correspond, for speed factors. */
  private base = { wall: 0, virtual: 0 };

  constructor(
    private readonly cluster: LiveCluster<AsyncHost>,
    speed: Speed,
    paused: boolean,
    private readonly afterSlice: () => void,
  ) {
    this.speedValue = speed;
    this.pausedValue = paused;
  }

  get speed(): Speed {
    return this.speedValue;
  }
  get paused(): boolean {
    return this.pausedValue;
  }

  setSpeed(speed: Speed): void {
    const problem = speedProblem(speed);
    if (problem !== null) throw new Error(problem);
    this.speedValue = speed;
    this.rebase();
  }

  pause(): void {
    this.pausedValue = true;
    this.stopAt = null;
  }

  /** Runs on at the current speed and pauses exactly at virtual time `at`. */
  playTo(at: number): void {
    if (!(at >= this.cluster.now))
      throw new Error(`cannot play back to ${at}: it is already ${this.cluster.now}`);
    this.stopAt = at;
    this.resume();
  }

  resume(): void {
    this.pausedValue = false;
    this.rebase();
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    this.rebase();
    while (!this.stopped) {
      if (this.pausedValue) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        continue;
      }
      await this.slice();
      this.afterSlice();
    }
  }

  private async slice(): Promise<void> {
    const c = this.cluster;
    const stopAt = this.stopAt ?? Infinity;
    if (this.speedValue === 'max') {
      await c.advance(stopAt, SLICE_EVENTS_MAX, SLICE_WALL_MS);
      this.pauseIfAt(stopAt);
      await yieldToEvents();
      return;
    }
    const speed = this.speedValue;
    const target = Math.min(
      stopAt,
      this.base.virtual + (performance.now() - this.base.wall) * speed,
    );
    const reached = await c.advance(target, SLICE_EVENTS_MAX, SLICE_WALL_MS);
    if (this.pauseIfAt(stopAt)) return;
    // The cluster could not keep up: let virtual time fall behind rather than rush later.
    if (!reached) this.rebase();
    const untilNext = (c.nextEventTime() - c.now) / speed;
    if (reached) await sleep(Math.max(4, Math.min(16, untilNext)));
    else await yieldToEvents();
  }

  /** Pauses when the clock has reached the stop time; whether it did. */
  private pauseIfAt(stopAt: number): boolean {
    if (this.cluster.now < stopAt) return false;
    this.pause();
    return true;
  }

  private rebase(): void {
    this.base = { wall: performance.now(), virtual: this.cluster.now };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Lets queued messages run without setTimeout's 4 ms clamp. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
