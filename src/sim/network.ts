/**
 * Who can reach whom, and how messages fare on the way. Nodes have a connected flag and
 * each directed link between nodes an up flag; a message passes only when both ends are
 * connected and the link is up. Clients (string endpoints) are always connected; their
 * messages still suffer delay, loss and duplication.
 */
import { HARNESS_DELAY_MAX, HARNESS_DELAY_MIN } from '../defaults';
import type { NodeId } from '../raft/types';
import type { Rng } from '../util/rng';
import type { Endpoint } from './trace';

export interface NetworkOptions {
  /** Delay of each message, uniform in [min, max] virtual ms. Default [1, 5]. */
  delayMs?: [number, number];
  /** Probability that a message is lost. Default 0. */
  dropRate?: number;
  /** Probability that a message is delivered twice (the copies may arrive in any order). */
  duplicateRate?: number;
}

export interface NetworkSettings {
  readonly delayMs: readonly [number, number];
  readonly dropRate: number;
  readonly duplicateRate: number;
}

/** Connectivity and settings, as views see them. */
export interface NetworkView {
  readonly connected: readonly boolean[];
  /** linkUp[from * size + to]: the directed link from -> to is up. */
  readonly linkUp: readonly boolean[];
  readonly settings: NetworkSettings;
}

export const DEFAULT_NETWORK: NetworkSettings = {
  delayMs: [HARNESS_DELAY_MIN, HARNESS_DELAY_MAX],
  dropRate: 0,
  duplicateRate: 0,
};

/** Validates options with clear errors, and fills in what is missing from `base`. */
export function networkSettings(opts: NetworkOptions, base: NetworkSettings): NetworkSettings {
  const delayMs = opts.delayMs ?? base.delayMs;
  const [min, max] = delayMs;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) {
    throw new Error(
      `network delayMs must be [min, max] with 0 <= min <= max, got [${min}, ${max}]`,
    );
  }
  const dropRate = opts.dropRate ?? base.dropRate;
  const duplicateRate = opts.duplicateRate ?? base.duplicateRate;
  for (const [name, rate] of [
    ['dropRate', dropRate],
    ['duplicateRate', duplicateRate],
  ] as const) {
    if (!(rate >= 0 && rate <= 1))
      throw new Error(`network ${name} must be in [0, 1], got ${rate}`);
  }
  return { delayMs: [min, max], dropRate, duplicateRate };
}

export class Network {
  private readonly connected: boolean[];
  /** linkUp[from * size + to] */
  private readonly linkUp: boolean[];
  settings: NetworkSettings;

  constructor(
    readonly size: number,
    settings: NetworkSettings,
  ) {
    this.connected = new Array<boolean>(size).fill(true);
    this.linkUp = new Array<boolean>(size * size).fill(true);
    this.settings = settings;
  }

  isConnected(id: NodeId): boolean {
    return this.connected[id]!;
  }

  setConnected(id: NodeId, connected: boolean): void {
    this.connected[id] = connected;
  }

  isLinkUp(from: NodeId, to: NodeId): boolean {
    return this.linkUp[from * this.size + to]!;
  }

  setLink(from: NodeId, to: NodeId, up: boolean): void {
    this.linkUp[from * this.size + to] = up;
  }

  /** Links inside each group up, links across groups down; unlisted nodes are cut off. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    const groupOf = new Array<number>(this.size).fill(-1);
    groups.forEach((group, g) => {
      for (const id of group) groupOf[id] = g;
    });
    for (let from = 0; from < this.size; from++) {
      for (let to = 0; to < this.size; to++) {
        const same = groupOf[from] !== -1 && groupOf[from] === groupOf[to];
        this.setLink(from, to, from === to || same);
      }
    }
  }

  /** A copy of who can reach whom, for views. */
  view(): NetworkView {
    return {
      connected: this.connected.slice(),
      linkUp: this.linkUp.slice(),
      settings: this.settings,
    };
  }

  heal(): void {
    this.connected.fill(true);
    this.linkUp.fill(true);
  }

  /** Whether a message from `from` to `to` would get through right now. */
  passes(from: Endpoint, to: Endpoint): boolean {
    if (typeof from === 'number' && !this.connected[from]) return false;
    if (typeof to === 'number' && !this.connected[to]) return false;
    if (typeof from === 'number' && typeof to === 'number') return this.isLinkUp(from, to);
    return true;
  }

  /** The fate of one message: lost, or delivered after each of the returned delays. */
  fate(rng: Rng): { lost: boolean; delays: number[] } {
    const { delayMs, dropRate, duplicateRate } = this.settings;
    if (rng.chance(dropRate)) return { lost: true, delays: [] };
    const delays = [rng.range(delayMs[0], delayMs[1])];
    if (rng.chance(duplicateRate)) delays.push(rng.range(delayMs[0], delayMs[1]));
    return { lost: false, delays };
  }
}
