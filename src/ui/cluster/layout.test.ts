import { describe, expect, it } from 'vitest';
import {
  HELD_AT,
  LANE_GAP,
  LANE_OFFSET,
  lane,
  laneBetween,
  messagePoint,
  messageProgress,
  POPOVER_WIDTH,
  popoverRoom,
  ringLayout,
} from './layout';

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

describe('ring layout', () => {
  it.each([3, 4, 5, 7, 9])('puts %i nodes on a ring, node 0 on top, clockwise', (n) => {
    const l = ringLayout(n, 640, 400);
    expect(l.nodes).toHaveLength(n);
    for (const p of l.nodes) {
      const e = ((p.x - l.center.x) / l.radiusX) ** 2 + ((p.y - l.center.y) / l.radiusY) ** 2;
      expect(e).toBeCloseTo(1, 6);
    }
    expect(l.nodes[0]!.x).toBeCloseTo(l.center.x, 6);
    expect(l.nodes[0]!.y).toBeLessThan(l.center.y);
    // Clockwise on screen: node 1 is to the right of node 0.
    expect(l.nodes[1]!.x).toBeGreaterThan(l.nodes[0]!.x);
  });

  it.each([
    [3, 420, 300],
    [5, 405, 310],
    [9, 405, 310],
    [9, 800, 440],
    [5, 1400, 300],
  ])('keeps %i nodes and their captions inside a %ix%i stage', (n, w, h) => {
    const l = ringLayout(n, w, h);
    for (const p of l.nodes) {
      expect(p.x - l.nodeRadius).toBeGreaterThanOrEqual(0);
      expect(p.x + l.nodeRadius).toBeLessThanOrEqual(w);
      expect(p.y - l.nodeRadius - 20).toBeGreaterThanOrEqual(0);
      // Two caption lines below the node, or one when crowded.
      expect(p.y + l.nodeRadius + (l.compact ? 21 : 32)).toBeLessThanOrEqual(h);
    }
  });

  it.each([3, 5, 7, 9])('leaves room between neighbours for %i nodes (rings do not touch)', (n) => {
    const l = ringLayout(n, 405, 310);
    const gap = dist(l.nodes[0]!, l.nodes[1]!) - 2 * l.nodeRadius;
    expect(gap).toBeGreaterThanOrEqual(2 * LANE_GAP);
  });

  it('is round on a square stage and wider than tall (within reason) on a wide one', () => {
    const square = ringLayout(5, 500, 500);
    expect(square.radiusX).toBeCloseTo(square.radiusY, 6);
    const wide = ringLayout(5, 1200, 300);
    expect(wide.radiusX).toBeGreaterThan(wide.radiusY);
    expect(wide.radiusX).toBeLessThanOrEqual(wide.radiusY * 1.45 + 1e-9);
  });

  it('asks for short captions when nine nodes crowd a small stage', () => {
    expect(ringLayout(9, 405, 310).compact).toBe(true);
    expect(ringLayout(3, 640, 400).compact).toBe(false);
  });

  it('moves the ring aside for the message panel only when the stage is wide enough', () => {
    expect(popoverRoom(405)).toBe(0);
    expect(popoverRoom(900)).toBeGreaterThanOrEqual(POPOVER_WIDTH);
    const free = ringLayout(5, 900, 400);
    const aside = ringLayout(5, 900, 400, popoverRoom(900));
    expect(aside.center.x).toBeLessThan(free.center.x);
    for (const p of aside.nodes)
      expect(p.x + aside.nodeRadius).toBeLessThanOrEqual(900 - POPOVER_WIDTH);
  });

  it('survives silly sizes without NaN', () => {
    for (const [w, h] of [
      [0, 0],
      [-5, 10],
      [10_000, 20],
    ] as const) {
      const l = ringLayout(5, w, h);
      for (const p of l.nodes) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
  });
});

describe('lanes', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 100, y: 0 };

  it('runs from edge to edge, shifted to the right of travel', () => {
    const s = lane(a, b, 10, 10);
    expect(s.start.x).toBeCloseTo(10 + LANE_GAP);
    expect(s.end.x).toBeCloseTo(100 - 10 - LANE_GAP);
    // Travelling right (+x) on screen, "right" is +y.
    expect(s.start.y).toBeCloseTo(LANE_OFFSET);
    expect(s.end.y).toBeCloseTo(LANE_OFFSET);
  });

  it('draws the two directions of a link as two parallel lanes', () => {
    const there = lane(a, b, 10, 10);
    const back = lane(b, a, 10, 10);
    expect(there.start.y).toBeCloseTo(-back.start.y);
    expect(dist(there.start, back.end)).toBeCloseTo(2 * LANE_OFFSET);
  });

  it('starts at the clients point itself (a point has no radius)', () => {
    const l = ringLayout(3, 600, 400);
    const s = laneBetween(l, 'c1', 0);
    expect(dist(s.start, l.clients)).toBeCloseTo(LANE_OFFSET);
    const back = laneBetween(l, 2, 'c7');
    expect(dist(back.end, l.clients)).toBeCloseTo(LANE_OFFSET);
  });

  it('falls back to the clients point for an unknown node rather than throwing', () => {
    const l = ringLayout(3, 600, 400);
    expect(() => laneBetween(l, 0, 42)).not.toThrow();
  });
});

describe('message interpolation by virtual time', () => {
  const m = { sentAt: 100, deliverAt: 140, held: false };

  it('is 0 when sent, 1 when due, linear between', () => {
    expect(messageProgress(m, 100)).toBe(0);
    expect(messageProgress(m, 110)).toBeCloseTo(0.25);
    expect(messageProgress(m, 130)).toBeCloseTo(0.75);
    expect(messageProgress(m, 140)).toBe(1);
  });

  it('stays within its lane before it is sent and after it is due', () => {
    expect(messageProgress(m, 50)).toBe(0);
    expect(messageProgress(m, 500)).toBe(1);
  });

  it('treats an instant message as arrived', () => {
    expect(messageProgress({ sentAt: 5, deliverAt: 5, held: false }, 5)).toBe(1);
  });

  it('shows a held message waiting near its receiver', () => {
    expect(messageProgress({ ...m, held: true }, 120)).toBe(HELD_AT);
  });

  it('moves a message from its sender toward its receiver along the lane', () => {
    const l = ringLayout(3, 600, 400);
    const msg = { ...m, from: 0, to: 1 };
    const s = laneBetween(l, 0, 1);
    expect(dist(messagePoint(l, msg, 100), s.start)).toBeCloseTo(0);
    expect(dist(messagePoint(l, msg, 140), s.end)).toBeCloseTo(0);
    const mid = messagePoint(l, msg, 120);
    expect(dist(mid, s.start)).toBeCloseTo(dist(mid, s.end));
  });
});
