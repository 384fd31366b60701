import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { EventQueue } from './event-queue';
import { TraceLog } from './trace';

describe('event queue', () => {
  it('pops by time, and equal times in insertion order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(3, 'd');
    q.push(1, 'e');
    const order: string[] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) order.push(x.item);
    expect(order).toEqual(['b', 'e', 'd', 'a', 'c']);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('stays ordered under many random pushes and pops', () => {
    const q = new EventQueue<number>();
    const rng = new Rng(9);
    let last = -Infinity;
    for (let i = 0; i < 5000; i++) {
      q.push(rng.int(0, 1000), i);
      if (i % 3 === 0) {
        const x = q.pop()!;
        expect(x.time).toBeGreaterThanOrEqual(0);
      }
    }
    while (q.size > 0) {
      const x = q.pop()!;
      expect(x.time).toBeGreaterThanOrEqual(last);
      last = x.time;
    }
  });
});

describe('trace log', () => {
  it('keeps the newest eventsMax events and counts the ones let go', () => {
    const log = new TraceLog(3);
    for (let i = 0; i < 10; i++) log.push({ t: i, kind: 'crash', node: 0 });
    expect(log.list().map((e) => e.t)).toEqual([7, 8, 9]);
    expect(log.discardedCount).toBe(7);
    expect(log.size).toBe(3);
  });

  it('keeps nothing when eventsMax is 0', () => {
    const log = new TraceLog(0);
    log.push({ t: 0, kind: 'crash', node: 0 });
    expect(log.list()).toEqual([]);
  });
});

describe('seeded random numbers', () => {
  it('the same seed gives the same stream; another seed another stream', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('ranges stay within their bounds', () => {
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const x = r.range(150, 300);
      expect(x).toBeGreaterThanOrEqual(150);
      expect(x).toBeLessThanOrEqual(300);
      const k = r.int(1, 3);
      expect([1, 2, 3]).toContain(k);
    }
  });
});
