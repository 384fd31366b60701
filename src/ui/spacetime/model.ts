/**
 * The space-time diagram's data: a Lamport diagram of the run, built from the trace as it
 * arrives. Messages between nodes (sent at one time, delivered or lost at another), each
 * node's term over time, crashes, restarts and commits. Items are kept in time order, so
 * the part of the run a window shows is found by binary search (the view draws only that).
 */
import type { Role } from '../../raft/types';
import type { TraceEvent } from '../../trace/events';
import { type Family, glyphOf } from '../cluster/message-fields';

export interface Arrow {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  readonly type: string;
  readonly family: Family;
  /** Words for the kind ("heartbeat", "vote granted"). */
  readonly kind: string;
  readonly term: number;
  readonly sentAt: number;
  /** When it is due (as sent; a crash or a cut may lose it first). */
  readonly deliverAt: number;
  /** When it arrived, or was lost; null while in flight. */
  endAt: number | null;
  lost: boolean;
}

/** A stretch of one node's life in one term and role. */
export interface Band {
  readonly node: number;
  readonly term: number;
  readonly role: Role | 'crashed';
  readonly from: number;
  /** null: still so. */
  to: number | null;
}

export interface Mark {
  readonly node: number;
  readonly t: number;
  readonly kind: 'crash' | 'restart' | 'commit';
  /** The commit index, for a commit. */
  readonly index?: number;
}

/** The most the diagram keeps; older items are let go first (the page's memory is bounded). */
export const ARROWS_MAX = 50_000;
export const MARKS_MAX = 50_000;

export interface Window {
  readonly arrows: readonly Arrow[];
  readonly bands: readonly Band[];
  readonly marks: readonly Mark[];
}

export class SpaceTime {
  readonly arrows: Arrow[] = [];
  readonly marks: Mark[] = [];
  /** Every band, in the order they began; `open[node]` is each node's current one. */
  readonly bands: Band[] = [];
  private readonly open = new Map<number, Band>();
  private readonly byId = new Map<number, Arrow>();
  private readonly commitOf = new Map<number, number>();
  /** The longest a message took: arrows that began this long before a window may cross it. */
  private longest = 0;
  /** The latest time seen. */
  now = 0;

  constructor(readonly nodes: number) {}

  add(events: readonly TraceEvent[]): void {
    for (const e of events) this.addOne(e);
    this.trim();
  }

  /** What a window of virtual time [from, to] shows. */
  window(from: number, to: number): Window {
    const first = lowerBound(this.arrows, from - this.longest, (a) => a.sentAt);
    const arrows: Arrow[] = [];
    for (let i = first; i < this.arrows.length; i++) {
      const a = this.arrows[i]!;
      if (a.sentAt > to) break;
      if ((a.endAt ?? this.now) >= from) arrows.push(a);
    }
    const bands = this.bands.filter((b) => b.from <= to && (b.to ?? this.now) >= from);
    const m0 = lowerBound(this.marks, from, (m) => m.t);
    const marks: Mark[] = [];
    for (let i = m0; i < this.marks.length && this.marks[i]!.t <= to; i++)
      marks.push(this.marks[i]!);
    return { arrows, bands, marks };
  }

  arrow(id: number): Arrow | undefined {
    return this.byId.get(id);
  }

  private addOne(e: TraceEvent): void {
    this.now = Math.max(this.now, e.t);
    switch (e.kind) {
      case 'send': {
        if (typeof e.from !== 'number' || typeof e.to !== 'number' || this.byId.has(e.id)) return;
        const payload = (e.message ?? {}) as Record<string, unknown>;
        const g = glyphOf({
          id: e.id,
          from: e.from,
          to: e.to,
          type: e.type,
          term: e.term,
          sentAt: e.t,
          deliverAt: e.deliverAt ?? e.t,
          payload,
          held: false,
        });
        const a: Arrow = {
          id: e.id,
          from: e.from,
          to: e.to,
          type: e.type,
          family: g.family,
          kind: g.kind,
          term: e.term,
          sentAt: e.t,
          deliverAt: e.deliverAt ?? e.t,
          endAt: e.deliverAt === null ? e.t : null,
          lost: e.deliverAt === null,
        };
        this.arrows.push(a);
        this.byId.set(a.id, a);
        return;
      }
      case 'deliver':
      case 'drop': {
        const a = this.byId.get(e.id);
        if (a === undefined || a.endAt !== null) return;
        a.endAt = e.t;
        a.lost = e.kind === 'drop';
        this.longest = Math.max(this.longest, e.t - a.sentAt);
        return;
      }
      case 'role':
        this.band(e.node, e.term, e.role, e.t);
        return;
      case 'crash':
        this.band(e.node, this.open.get(e.node)?.term ?? 0, 'crashed', e.t);
        this.marks.push({ node: e.node, t: e.t, kind: 'crash' });
        return;
      case 'restart':
        this.band(e.node, e.term, 'follower', e.t);
        this.marks.push({ node: e.node, t: e.t, kind: 'restart' });
        return;
      case 'commit':
        if (e.commitIndex <= (this.commitOf.get(e.node) ?? 0)) return;
        this.commitOf.set(e.node, e.commitIndex);
        this.marks.push({ node: e.node, t: e.t, kind: 'commit', index: e.commitIndex });
        return;
      default:
        return;
    }
  }

  private band(node: number, term: number, role: Band['role'], t: number): void {
    const current = this.open.get(node);
    if (current !== undefined) {
      if (current.term === term && current.role === role) return;
      current.to = t;
    }
    const b: Band = { node, term, role, from: t, to: null };
    this.bands.push(b);
    this.open.set(node, b);
  }

  private trim(): void {
    const excess = this.arrows.length - ARROWS_MAX;
    if (excess > 0) for (const a of this.arrows.splice(0, excess)) this.byId.delete(a.id);
    if (this.marks.length > MARKS_MAX) this.marks.splice(0, this.marks.length - MARKS_MAX);
    const keepFrom = this.arrows[0]?.sentAt ?? 0;
    const closed = this.bands.findIndex((b) => b.to === null || b.to >= keepFrom);
    if (closed > 0) this.bands.splice(0, closed);
  }
}

/** The first index whose key is >= `value` (items sorted by key). */
function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
