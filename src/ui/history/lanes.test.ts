import { describe, expect, test } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { fitDomain, laneList, layoutBars, pendingIndices } from './lanes';
import { domainOf, pan, zoom } from './viewport';

const set = (client: string, call: number, ret: number | null, extra: Partial<HistoryOp> = {}) =>
  ({
    client,
    op: 'set',
    key: 'x',
    value: '1',
    call,
    ret,
    outcome: ret === null ? 'unknown' : 'ok',
    result: { prevFound: false },
    ...extra,
  }) as HistoryOp;

const layout = (ops: HistoryOp[], opts: Partial<Parameters<typeof layoutBars>[0]> = {}) =>
  layoutBars({
    ops,
    lanes: laneList([], ops),
    pending: new Set(),
    unorderable: new Set(),
    domain: [0, 100],
    width: 1000,
    now: 100,
    ...opts,
  });

describe('history lanes', () => {
  test('one lane per client, in natural order, clients without ops included', () => {
    expect(laneList(['c10', 'c2'], [set('c1', 0, 1), set('c2', 2, 3)])).toEqual([
      'c1',
      'c2',
      'c10',
    ]);
  });

  test('a bar runs from call to return on its client lane, labelled with op and result', () => {
    const { bars } = layout([set('c1', 10, 20), set('c2', 30, 50)]);
    expect(bars.map((b) => [b.lane, b.x0, b.x1, b.kind])).toEqual([
      [0, 100, 200, 'ok'],
      [1, 300, 500, 'ok'],
    ]);
    expect(bars[0]!.text).toBe('SET x 1 → was absent');
  });

  test('only bars in view are laid out, and at most barsMax of the newest', () => {
    const ops = [set('c1', 0, 5), set('c1', 40, 45), set('c1', 60, 65), set('c1', 200, 205)];
    const { bars } = layout(ops, { domain: [30, 100] });
    expect(bars.map((b) => b.index)).toEqual([1, 2]);
    const capped = layout(ops, { domain: [0, 300], barsMax: 2 });
    expect(capped.bars.map((b) => b.index)).toEqual([2, 3]);
    expect(capped.omitted).toBe(2);
  });

  test('a pending op runs to now; an unknown one stays open to the right edge', () => {
    const ops = [set('c1', 10, null), set('c1', 40, 50), set('c2', 20, null)];
    const pending = pendingIndices(ops, new Set(['c2']));
    expect([...pending]).toEqual([2]);
    const { bars } = layout(ops, { pending, now: 80 });
    const [unknown, , waiting] = bars;
    expect(unknown!.kind).toBe('unknown');
    // Solid until the client moved on, then a thin tail to the edge.
    expect(unknown!.x1).toBe(400);
    expect(unknown!.tail).toBe(1002);
    expect(waiting!.kind).toBe('pending');
    expect(waiting!.x1).toBe(800);
  });

  test('a failed op is its own kind; tiny bars keep a visible width', () => {
    const { bars } = layout([set('c1', 10, 10.01, { outcome: 'fail' })]);
    expect(bars[0]!.kind).toBe('fail');
    expect(bars[0]!.x1 - bars[0]!.x0).toBeGreaterThanOrEqual(3);
    expect(bars[0]!.label).toBe('SET x 1 → failed (not applied)');
  });

  test('a label is shortened, then dropped, when the next op on the lane is too close', () => {
    const ops = [set('c1', 0, 0.1), set('c1', 1, 1.1), set('c1', 1.3, 1.4), set('c1', 2, 2.1)];
    const { bars } = layout(ops, { domain: [0, 10], width: 1000 });
    expect(bars.map((b) => b.text)).toEqual(['SET x 1', '', 'SET x 1', 'SET x 1 → was absent']);
  });

  test('ops the checker could not order are marked', () => {
    const { bars } = layout([set('c1', 0, 1), set('c2', 2, 3)], { unorderable: new Set([1]) });
    expect(bars.map((b) => b.unorderable)).toEqual([false, true]);
  });
});

describe('history viewport', () => {
  const ops = [set('c1', 100, 110), set('c1', 500, 520)];

  test('fit all covers every op, and now only while a call is in flight', () => {
    const [from, to] = fitDomain(ops, 800);
    expect(from).toBeLessThan(100);
    expect(to).toBeGreaterThan(520);
    expect(to).toBeLessThan(800);
    expect(fitDomain([...ops, set('c1', 600, null)], 800)[1]).toBeGreaterThan(800);
  });

  test('zooming while following keeps now in view', () => {
    const v = zoom({ mode: 'follow', span: 1000 }, 0.5, 0.2, ops, 800);
    expect(v).toEqual({ mode: 'follow', span: 500 });
    const [from, to] = domainOf(v, ops, 800);
    expect(from).toBeLessThan(800);
    expect(to).toBeGreaterThan(800);
  });

  test('zooming a chosen stretch keeps the time under the pointer in place', () => {
    const v = zoom({ mode: 'free', from: 0, to: 1000 }, 0.5, 0.25, ops, 800);
    expect(v).toEqual({ mode: 'free', from: 125, to: 625 });
  });

  test('zooming from "fit all" keeps the time under the pointer', () => {
    const [from, to] = domainOf({ mode: 'all' }, ops, 800);
    const v = zoom({ mode: 'all' }, 0.5, 0, ops, 800);
    expect(v).toEqual({ mode: 'free', from, to: from + (to - from) / 2 });
  });

  test('panning stops following', () => {
    expect(pan({ mode: 'free', from: 0, to: 100 }, -0.5, ops, 800)).toEqual({
      mode: 'free',
      from: -50,
      to: 50,
    });
    expect(pan({ mode: 'all' }, 0.1, ops, 800).mode).toBe('free');
  });
});
