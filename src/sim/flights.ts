/** Messages on the wire: sent, not yet delivered or dropped. Held ones stay here too. */
import type { Endpoint } from './trace';
import type { MessageView } from './types';

export interface Flight {
  readonly id: number;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly type: string;
  readonly term: number;
  readonly message: { readonly type: string; readonly term?: number };
  readonly sentAt: number;
  readonly deliverAt: number;
  /** The sender's step that produced it (see AsyncHost.whenDurable). */
  readonly originSeq: number;
  /** The sender's incarnation then: steps of an earlier one were all made durable. */
  readonly originIncarnation: number;
  held: boolean;
  /** Released from a hold: never held again. */
  released: boolean;
}

export function flightView(f: Flight): MessageView {
  return {
    id: f.id,
    from: f.from,
    to: f.to,
    type: f.type,
    term: f.term,
    sentAt: f.sentAt,
    deliverAt: f.deliverAt,
    payload: f.message as unknown as Record<string, unknown>,
    held: f.held,
  };
}

export type HoldPredicate = (m: MessageView) => boolean;

export class Flights {
  /**
   * Flights by id in a sliding array: ids only grow, so a flight goes at the end and the
   * window's front moves past delivered ones (a Map's churn cost a tenth of the run time).
   * slots[i] holds the flight with id `base + i`; everything before `first` is gone.
   */
  private slots: Array<Flight | undefined> = [];
  private base = 1;
  private first = 0;
  private holds: HoldPredicate[] = [];

  add(flight: Flight): void {
    const i = flight.id - this.base;
    if (i < this.slots.length) throw new Error(`flight ${flight.id} added out of order`);
    while (this.slots.length < i) this.slots.push(undefined);
    this.slots.push(flight);
  }

  get(id: number): Flight | undefined {
    const i = id - this.base;
    return i >= this.first ? this.slots[i] : undefined;
  }

  remove(id: number): void {
    const i = id - this.base;
    if (i < this.first || this.slots[i] === undefined) return;
    this.slots[i] = undefined;
    while (this.first < this.slots.length && this.slots[this.first] === undefined) this.first++;
    if (this.first > 1024 && this.first * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.first);
      this.base += this.first;
      this.first = 0;
    }
  }

  private *all(): Generator<Flight> {
    for (let i = this.first; i < this.slots.length; i++) {
      const f = this.slots[i];
      if (f !== undefined) yield f;
    }
  }

  views(): MessageView[] {
    return [...this.all()].map(flightView);
  }

  /** Whether any hold is active (hold predicates may read any state, so they serialise). */
  get holding(): boolean {
    return this.holds.length > 0;
  }

  hold(pred: HoldPredicate): void {
    this.holds.push(pred);
  }

  /** Whether a flight that is due must wait in a hold. */
  mustHold(flight: Flight): boolean {
    if (flight.released || this.holds.length === 0) return false;
    const view = flightView(flight);
    return this.holds.some((pred) => pred(view));
  }

  /** Un-holds matching held flights and returns them; no predicate ends every hold too. */
  release(pred?: HoldPredicate): Flight[] {
    if (pred === undefined) this.holds = [];
    const released: Flight[] = [];
    for (const f of this.all()) {
      if (f.held && (pred === undefined || pred(flightView(f)))) {
        f.held = false;
        f.released = true;
        released.push(f);
      }
    }
    return released;
  }
}
