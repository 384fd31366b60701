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
  /** The sender's step that produced it (see NodeHost.whenDurable). */
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
  private readonly byId = new Map<number, Flight>();
  private holds: HoldPredicate[] = [];

  add(flight: Flight): void {
    this.byId.set(flight.id, flight);
  }

  get(id: number): Flight | undefined {
    return this.byId.get(id);
  }

  remove(id: number): void {
    this.byId.delete(id);
  }

  views(): MessageView[] {
    return [...this.byId.values()].map(flightView);
  }

  get count(): number {
    return this.byId.size;
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
    for (const f of this.byId.values()) {
      if (f.held && (pred === undefined || pred(flightView(f)))) {
        f.held = false;
        f.released = true;
        released.push(f);
      }
    }
    return released;
  }
}
