// The memoised search must give exactly the verdict of the definition: some order of
// the ok ops, plus any subset of the unknown ones, that respects real time and the model.
// Checked by enumerating every such order on many small random histories.

import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import type { KvOpName, KvResult } from '../../kv/types';
import { checkLinearizability } from './check';
import { ABSENT, answersKv, expectedKvResult, type KvState, nextKvState } from './kv-model';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const OPS: KvOpName[] = ['get', 'get', 'set', 'append', 'del', 'cas'];
const VALUES = ['a', 'b'];

/** A history executed for real (results from a random sequential order), maybe corrupted. */
function randomHistory(rand: () => number): HistoryOp[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const count = 2 + Math.floor(rand() * 5);
  const ops = Array.from({ length: count }, (_, i) => {
    const call = Math.floor(rand() * 12);
    const op: HistoryOp = {
      client: `c${i}`,
      op: pick(OPS),
      key: 'x',
      call,
      ret: call + Math.floor(rand() * 5),
      outcome: rand() < 0.8 ? 'ok' : pick(['unknown', 'fail'] as const),
    };
    if (op.op !== 'get' && op.op !== 'del') op.value = pick(VALUES);
    if (op.op === 'cas') op.expected = pick([null, ...VALUES]);
    return { op, point: call + rand() * (op.ret! - call + (op.outcome === 'unknown' ? 6 : 0)) };
  });
  let state: KvState = ABSENT;
  for (const { op } of [...ops].sort((a, b) => a.point - b.point)) {
    if (op.outcome === 'fail' || (op.outcome === 'unknown' && rand() < 0.5)) continue;
    op.result = expectedKvResult(state, op);
    state = nextKvState(state, op);
  }
  const history = ops.map(({ op }) => (op.outcome === 'unknown' ? { ...op, ret: null } : op));
  const victim = history.find((op) => op.outcome === 'ok');
  if (victim && rand() < 0.5) victim.result = corrupt(victim, pick);
  return history;
}

/** Another well-formed answer for the same op. */
function corrupt(op: HistoryOp, pick: <T>(xs: T[]) => T): KvResult {
  const prevs: KvResult[] = [
    { prevFound: false },
    ...VALUES.map((prev) => ({ prevFound: true, prev })),
  ];
  const options: KvResult[] =
    op.op === 'get'
      ? [{ found: false }, ...VALUES.map((value) => ({ found: true, value }))]
      : op.op === 'cas'
        ? prevs.flatMap((prev) => [true, false].map((swapped) => ({ ...prev, swapped })))
        : prevs;
  return pick(options.filter((r) => JSON.stringify(r) !== JSON.stringify(op.result)));
}

/** The definition, by enumeration. */
function bruteForceLinearizable(history: HistoryOp[]): boolean {
  const ops = history.filter((op) => op.outcome !== 'fail');
  const mustPrecede = (a: HistoryOp, b: HistoryOp): boolean =>
    a.outcome === 'ok' && (a.ret as number) < b.call;
  const extend = (placed: HistoryOp[], state: KvState): boolean => {
    const rest = ops.filter((op) => !placed.includes(op));
    if (rest.every((op) => op.outcome === 'unknown')) return true; // the rest: later or never
    return rest.some((op) => {
      if (rest.some((other) => other !== op && mustPrecede(other, op))) return false;
      if (op.outcome === 'ok' && op.result && !answersKv(state, op, op.result)) return false;
      return extend([...placed, op], nextKvState(state, op));
    });
  };
  return extend([], ABSENT);
}

describe('the search agrees with brute force', () => {
  it('on 3,000 small random histories', () => {
    const rand = random(42);
    const verdicts = { ok: 0, illegal: 0 };
    for (let i = 0; i < 3000; i++) {
      const history = randomHistory(rand);
      const expected = bruteForceLinearizable(history) ? 'ok' : 'illegal';
      const { verdict } = checkLinearizability(history);
      if (verdict !== expected)
        expect({ history, verdict }).toEqual({ history, verdict: expected });
      verdicts[expected]++;
    }
    // Both verdicts are well represented, so neither path is tested vacuously.
    expect(verdicts.ok).toBeGreaterThan(600);
    expect(verdicts.illegal).toBeGreaterThan(600);
  });
});
