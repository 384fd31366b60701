/**
 * The simulator's bounded trace log. The event types live in src/trace/events.ts (the
 * checker reads them too); they are re-exported here for the simulator's modules.
 */
import type { TraceEvent } from '../trace/events';

export type { DropReason, Endpoint, TraceEvent, TraceKind } from '../trace/events';

/** A bounded trace: keeps the newest `eventsMax` events and counts the ones it let go. */
export class TraceLog {
  private events: TraceEvent[] = [];
  private start = 0;
  private discarded = 0;

  constructor(readonly eventsMax: number) {}

  push(event: TraceEvent): void {
    if (this.eventsMax <= 0) return;
    this.events.push(event);
    if (this.events.length - this.start > this.eventsMax) {
      this.start++;
      this.discarded++;
      // Compact now and then rather than shifting on every push.
      if (this.start >= this.eventsMax) {
        this.events = this.events.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** The kept events, oldest first. */
  list(): TraceEvent[] {
    return this.events.slice(this.start);
  }

  get size(): number {
    return this.events.length - this.start;
  }

  /** How many events were let go to respect the bound. */
  get discardedCount(): number {
    return this.discarded;
  }
}
