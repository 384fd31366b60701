/**
 * The event log's rows, kept up to date incrementally: the runtime's recent trace only
 * grows at the end and lets go at the front, so each update explains only the new events
 * and filters only those, unless the filter changed.
 */
import type { TraceEvent } from '../../sim/trace';
import { type ClientCallEvent, explain } from './explain';
import {
  type EventFilter,
  type ExplainedEvent,
  filterKey,
  groupOf,
  matches,
  nodesOf,
} from './filter';

export class ExplainedTrace {
  private trace: readonly TraceEvent[] = [];
  private all: ExplainedEvent[] = [];
  private shown: ExplainedEvent[] = [];
  private key: string | null = null;
  private nextSeq = 0;
  /** Each client's latest call, so its return can say what was asked. */
  private readonly calls = new Map<string, ClientCallEvent>();
  /** Rows let go at the front by the last update (a scrolled-up list keeps its place). */
  droppedFront = 0;

  /** The rows to show for `trace` under `filter`, oldest first (the same array, updated). */
  update(trace: readonly TraceEvent[], filter: EventFilter): readonly ExplainedEvent[] {
    const key = filterKey(filter);
    this.droppedFront = 0;
    if (trace === this.trace && key === this.key) return this.shown;
    const fresh = this.newEvents(trace);
    if (fresh === null) {
      // Not a continuation (a new cluster): start over.
      this.all = [];
      this.calls.clear();
      this.append(trace);
    } else {
      this.append(fresh);
    }
    this.trace = trace;
    // The trace let go of its oldest events: so do we.
    const excess = this.all.length - trace.length;
    if (excess > 0) this.all.splice(0, excess);
    if (key !== this.key || fresh === null) {
      this.key = key;
      this.shown = this.all.filter((item) => matches(item, filter));
      return this.shown;
    }
    const oldest = this.all[0]?.seq ?? Infinity;
    let drop = 0;
    while (drop < this.shown.length && this.shown[drop]!.seq < oldest) drop++;
    if (drop > 0) this.shown.splice(0, drop);
    this.droppedFront = drop;
    for (let i = this.all.length - fresh.length; i < this.all.length; i++) {
      const item = this.all[i]!;
      if (matches(item, filter)) this.shown.push(item);
    }
    return this.shown;
  }

  /** The events of `trace` after the last one seen, or null if `trace` does not follow on. */
  private newEvents(trace: readonly TraceEvent[]): readonly TraceEvent[] | null {
    if (this.trace.length === 0) return this.all.length === 0 ? trace : null;
    const last = this.trace[this.trace.length - 1]!;
    const at = trace.lastIndexOf(last);
    if (at === -1) return null;
    return trace.slice(at + 1);
  }

  private append(events: readonly TraceEvent[]): void {
    for (const event of events) {
      const call = event.kind === 'client-return' ? this.calls.get(event.client) : undefined;
      if (event.kind === 'client-call') this.calls.set(event.client, event);
      const text = explain(event, call === undefined ? {} : { call });
      this.all.push({
        event,
        seq: this.nextSeq++,
        text,
        lower: text.toLowerCase(),
        group: groupOf(event),
        nodes: nodesOf(event),
      });
    }
  }
}
