// The sequential KV specification, op by op: what each op answers and leaves behind.

import { describe, expect, it } from 'vitest';
import type { KvResult } from '../../kv/types';
import type { KvInput } from './describe';
import {
  ABSENT,
  answersKv,
  expectedKvResult,
  type KvState,
  kvModel,
  kvState,
  nextKvState,
} from './kv-model';

const apply = (value: string | undefined, input: KvInput) => {
  const state = kvState(value);
  return { next: nextKvState(state, input).value, out: expectedKvResult(state, input) };
};

describe('KV model semantics', () => {
  it('GET answers found + value, or not found, and changes nothing', () => {
    expect(apply('a', { op: 'get', key: 'x' })).toEqual({
      next: 'a',
      out: { found: true, value: 'a' },
    });
    expect(apply(undefined, { op: 'get', key: 'x' })).toEqual({
      next: undefined,
      out: { found: false },
    });
  });

  it('SET, APPEND and DEL answer the previous value', () => {
    expect(apply('a', { op: 'set', key: 'x', value: 'b' })).toEqual({
      next: 'b',
      out: { prevFound: true, prev: 'a' },
    });
    expect(apply(undefined, { op: 'append', key: 'x', value: 'b' })).toEqual({
      next: 'b',
      out: { prevFound: false },
    });
    expect(apply('a', { op: 'append', key: 'x', value: 'b' }).next).toBe('ab');
    expect(apply('a', { op: 'del', key: 'x' })).toEqual({
      next: undefined,
      out: { prevFound: true, prev: 'a' },
    });
    expect(apply(undefined, { op: 'set', key: 'x', value: '' }).next).toBe('');
  });

  it('CAS swaps only on a match; expected null means "only if absent"', () => {
    const cas = (expected: string | null): KvInput => ({
      op: 'cas',
      key: 'x',
      expected,
      value: 'n',
    });
    expect(apply('a', cas('a'))).toEqual({
      next: 'n',
      out: { prevFound: true, prev: 'a', swapped: true },
    });
    expect(apply('a', cas('b'))).toEqual({
      next: 'a',
      out: { prevFound: true, prev: 'a', swapped: false },
    });
    expect(apply(undefined, cas('a')).out).toEqual({ prevFound: false, swapped: false });
    expect(apply(undefined, cas(null))).toEqual({
      next: 'n',
      out: { prevFound: false, swapped: true },
    });
    expect(apply('', cas(null)).out.swapped).toBe(false);
  });

  it('step accepts exactly the expected answer, ignoring fields the op does not produce', () => {
    const input: KvInput = { op: 'set', key: 'x', value: 'b' };
    const a = kvState('a');
    expect(kvModel.step(a, input, { prevFound: true, prev: 'a' }).ok).toBe(true);
    expect(kvModel.step(a, input, { prevFound: true, prev: 'a', found: false }).ok).toBe(true);
    expect(kvModel.step(a, input, { prevFound: true, prev: 'z' }).ok).toBe(false);
    expect(kvModel.step(a, input, { prevFound: false }).ok).toBe(false);
    expect(kvModel.step(a, input, null).ok).toBe(true);
    expect(kvModel.step(a, input, null).state.value).toBe('b');
  });

  it('answersKv agrees with expectedKvResult on every op, state and answer', () => {
    const states: KvState[] = [ABSENT, kvState(''), kvState('a'), kvState('b')];
    const inputs: KvInput[] = [
      { op: 'get', key: 'x' },
      { op: 'set', key: 'x', value: 'a' },
      { op: 'append', key: 'x', value: 'a' },
      { op: 'del', key: 'x' },
      ...[null, '', 'a'].map(
        (expected): KvInput => ({ op: 'cas', key: 'x', expected, value: 'b' }),
      ),
    ];
    const answers = states.flatMap((s) => inputs.map((input) => expectedKvResult(s, input)));
    answers.push({ prevFound: false, prev: 'a' }, { found: false, value: '' });
    for (const state of states) {
      for (const input of inputs) {
        const expected = expectedKvResult(state, input);
        for (const answer of answers) {
          const same = fieldsOf(input).every((field) => answer[field] === expected[field]);
          expect(answersKv(state, input, answer)).toBe(same);
        }
      }
    }
  });

  it('equal states hash equally however they were built', () => {
    const viaAppends = nextKvState(nextKvState(ABSENT, append('ab')), append('c'));
    const viaSet = kvState('abc');
    expect(kvModel.equal(viaAppends, viaSet)).toBe(true);
    expect(kvModel.hashState?.(viaAppends)).toBe(kvModel.hashState?.(viaSet));
    expect(kvModel.equal(ABSENT, kvState(''))).toBe(false);
  });
});

function append(value: string): KvInput {
  return { op: 'append', key: 'x', value };
}

// The fields each op produces; a missing prev/value compares as undefined.
function fieldsOf(input: KvInput): (keyof KvResult)[] {
  if (input.op === 'get') return ['found', 'value'];
  return input.op === 'cas' ? ['prevFound', 'prev', 'swapped'] : ['prevFound', 'prev'];
}
