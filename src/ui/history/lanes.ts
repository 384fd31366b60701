/**
 * Where the history's bars go: one lane per client, x from the virtual-time domain, only
 * the bars in view (pure, so it is tested without a DOM).
 */
import type { HistoryOp } from '../../kv/history';
import { formatKvCommand } from '../format';
import { type BarKind, opCommand, opLabel } from './op-text';

export interface Bar {
  /** Stable across frames and trims: client and call time. */
  readonly key: string;
  /** Index into the ops. */
  readonly index: number;
  readonly lane: number;
  readonly kind: BarKind;
  /** Pixels from the left of the plot. */
  readonly x0: number;
  readonly x1: number;
  /** Unknown outcome: a thin tail from x1 to here says "it may still take effect". */
  readonly tail: number | null;
  /** The text drawn: the full label, the command only, or nothing when there is no room. */
  readonly text: string;
  readonly label: string;
  readonly unorderable: boolean;
}

export interface LayoutInput {
  readonly ops: readonly HistoryOp[];
  readonly lanes: readonly string[];
  /** Indices of ops still waiting for an answer (see pendingIndices). */
  readonly pending: ReadonlySet<number>;
  readonly unorderable: ReadonlySet<number>;
  readonly domain: readonly [number, number];
  /** Plot width in pixels. */
  readonly width: number;
  readonly now: number;
  /** Estimated pixels per label character. */
  readonly charWidth?: number;
  /** At most this many bars (the newest); the rest are counted in `omitted`. */
  readonly barsMax?: number;
}

export const BARS_MAX = 1500;
const BAR_WIDTH_MIN = 3;
const LABEL_GAP = 8;

/** Clients in natural order (c2 before c10), those without ops included. */
export function laneList(clients: readonly string[], ops: readonly HistoryOp[]): string[] {
  const all = new Set(clients);
  for (const op of ops) all.add(op.client);
  return [...all].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/**
 * The op each busy client is waiting for: its newest op without a return. (An op without a
 * return that is not its client's newest one timed out: its outcome is unknown.)
 */
export function pendingIndices(
  ops: readonly HistoryOp[],
  busyClients: ReadonlySet<string>,
): Set<number> {
  const out = new Set<number>();
  const seen = new Set<string>();
  for (let i = ops.length - 1; i >= 0 && seen.size < busyClients.size; i--) {
    const op = ops[i]!;
    if (!busyClients.has(op.client) || seen.has(op.client)) continue;
    seen.add(op.client);
    if (op.ret === null && op.outcome === 'unknown') out.add(i);
  }
  return out;
}

/**
 * A domain showing every op, with a little room on both sides. It reaches now only while
 * the newest op is open (a call in flight), so a quiet history stays still and legible.
 */
export function fitDomain(ops: readonly HistoryOp[], now: number): [number, number] {
  if (ops.length === 0) return [Math.max(0, now - 1000), now + 50];
  const newest = ops.at(-1)!;
  let end = newest.ret === null ? Math.max(now, newest.call) : newest.ret;
  for (const op of ops) if (op.ret !== null && op.ret > end) end = op.ret;
  const start = ops[0]!.call;
  const pad = Math.max(5, (end - start) * 0.04);
  // More room on the right, for the newest op's label.
  return [start - pad, end + pad * 5];
}

export function layoutBars(input: LayoutInput): { bars: Bar[]; omitted: number } {
  const { ops, domain, width, now } = input;
  const [d0, d1] = domain;
  const k = width / Math.max(1e-9, d1 - d0);
  // Clamped so a deep zoom never makes huge coordinates.
  const x = (t: number) => Math.min(width + 2, Math.max(-2, (t - d0) * k));
  const laneOf = new Map(input.lanes.map((c, i) => [c, i]));
  const barsMax = input.barsMax ?? BARS_MAX;
  const cw = input.charWidth ?? 6.6;
  // The next op's call in the same lane bounds a bar's solid part and its label.
  const nextCall = new Map<string, number>();
  const picked: Bar[] = [];
  let omitted = 0;
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    const next = nextCall.get(op.client);
    nextCall.set(op.client, op.call);
    const kind: BarKind = input.pending.has(i)
      ? 'pending'
      : op.outcome === 'unknown'
        ? 'unknown'
        : op.outcome;
    const end = kind === 'pending' ? now : kind === 'unknown' ? (next ?? d1) : (op.ret ?? op.call);
    const visibleTo = kind === 'unknown' ? Number.POSITIVE_INFINITY : end;
    if (op.call > d1 || visibleTo < d0) continue;
    if (picked.length >= barsMax) {
      omitted++;
      continue;
    }
    const x0 = x(op.call);
    const x1 = Math.max(x(end), x0 + BAR_WIDTH_MIN);
    const room = (next === undefined ? width : x(next)) - x0 - LABEL_GAP;
    const label = opLabel(op, kind);
    const short = formatKvCommand(opCommand(op));
    const fits = (s: string) => s.length * cw + 6 <= Math.max(room, x1 - x0);
    picked.push({
      key: `${op.client}@${op.call}`,
      index: i,
      lane: laneOf.get(op.client) ?? 0,
      kind,
      x0,
      x1,
      tail: kind === 'unknown' && next !== undefined ? width + 2 : null,
      text: fits(label) ? label : fits(short) ? short : '',
      label,
      unorderable: input.unorderable.has(i),
    });
  }
  picked.reverse();
  return { bars: picked, omitted };
}
