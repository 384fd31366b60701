/**
 * Which stretch of virtual time the history shows: everything, the newest `span` ms
 * (moving with now), or a stretch the user chose by zooming or dragging. Pure.
 */
import type { HistoryOp } from '../../kv/history';
import { fitDomain } from './lanes';

export type Viewport =
  | { readonly mode: 'all' }
  | { readonly mode: 'follow'; readonly span: number }
  | { readonly mode: 'free'; readonly from: number; readonly to: number };

export const SPAN_MIN = 5;
export const SPAN_MAX = 10_000_000;
/** Follow mode leaves this share of the width right of now. */
const FOLLOW_LEAD = 0.04;

const clampSpan = (s: number) => Math.min(SPAN_MAX, Math.max(SPAN_MIN, s));

export function domainOf(v: Viewport, ops: readonly HistoryOp[], now: number): [number, number] {
  switch (v.mode) {
    case 'all':
      return fitDomain(ops, now);
    case 'follow':
      return [now - v.span * (1 - FOLLOW_LEAD), now + v.span * FOLLOW_LEAD];
    case 'free':
      return [v.from, v.to];
  }
}

/**
 * Zooms by `factor` (< 1 zooms in) keeping the time under `anchor` (0 = left edge, 1 =
 * right) in place; except that following stays following, so now stays in view.
 */
export function zoom(
  v: Viewport,
  factor: number,
  anchor: number,
  ops: readonly HistoryOp[],
  now: number,
): Viewport {
  const [d0, d1] = domainOf(v, ops, now);
  const span = clampSpan((d1 - d0) * factor);
  if (v.mode === 'follow') return { mode: 'follow', span };
  const at = d0 + (d1 - d0) * anchor;
  return { mode: 'free', from: at - span * anchor, to: at + span * (1 - anchor) };
}

/** Moves the view by `share` of its width (positive: later); the view stops following. */
export function pan(v: Viewport, share: number, ops: readonly HistoryOp[], now: number): Viewport {
  const [d0, d1] = domainOf(v, ops, now);
  const shift = (d1 - d0) * share;
  return { mode: 'free', from: d0 + shift, to: d1 + shift };
}

/** Follow now with the width currently shown. */
export function follow(v: Viewport, ops: readonly HistoryOp[], now: number): Viewport {
  const [d0, d1] = domainOf(v, ops, now);
  return { mode: 'follow', span: clampSpan(d1 - d0) };
}

/** A stretch around some ops (used to show the ones that cannot be ordered). */
export function around(
  ops: readonly HistoryOp[],
  indices: readonly number[],
  now: number,
): Viewport {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const i of indices) {
    const op = ops[i];
    if (op === undefined) continue;
    from = Math.min(from, op.call);
    to = Math.max(to, op.ret ?? now);
  }
  if (from > to) return { mode: 'all' };
  const pad = Math.max(SPAN_MIN, (to - from) * 0.25);
  return { mode: 'free', from: from - pad, to: to + pad };
}
